import ContentStore
import Foundation
import HubTestSupport
@testable import HubClient
import Manifest
@testable import ModelStore
import ObjectStore
import Testing

/// The real `hub` binary against `hub serve --blobs s3://... --blob-redirects 60`: the blobs are pushed
/// in chunks into the bucket, and pulled through presigned redirects (the token stays with the registry).
@Suite("push and pull with the blobs in an object store",
       .enabled(if: ProcessInfo.processInfo.environment["HUB_TEST_BLOBS"] != nil, "needs an object store (HUB_TEST_BLOBS)"))
struct ObjectStorePushPullTests {
    @Test("a model pushed in chunks pulls back byte-identical by redirect, and the bucket holds its blobs")
    func pushThenPullByRedirect() throws {
        let base = try S3Location(parsing: ProcessInfo.processInfo.environment["HUB_TEST_BLOBS"]!)
        let location = try base.withPrefix("client-\(UUID().uuidString.lowercased())/")
        let client = S3Client(location: location, credentials: try S3Credentials.load())
        try client.createBucket()
        defer { try? client.deleteEverything() }
        let url = "s3://\(location.bucket)?endpoint=\(location.endpoint)&region=\(location.region)&prefix=\(location.prefix)"
        let registry = try TestRegistry(serveArguments: ["--blobs", url, "--blob-redirects", "60"])

        let model = TestModels.base(backboneFloats: 800_000)
        _ = try ModelCache(root: registry.cachePath("publisher")).saveLocal(manifest: model.manifest, blobs: model.blobs)
        let pushed = try registry.hubOK(["push", "tests/base", "--json"], cache: "publisher", token: registry.token,
                                        extra: ["HUB_UPLOAD_CHUNK_BYTES": "1000000"])
        #expect(try JSONDecoder().decode(PushReport.self, from: Data(pushed.utf8)).blobsUploaded == 2)
        let keys = Set(try client.list(prefix: "blobs/sha256/").map(\.key))
        for group in model.manifest.weights { #expect(keys.contains("blobs/sha256/\(group.digest.hex)")) }
        #expect(try client.list(prefix: "uploads/").isEmpty)

        let output = try registry.hubOK(["pull", "tests/base", "--json"], token: registry.token)
        let pulled = try JSONDecoder().decode(PullReport.self, from: Data(output.utf8))
        #expect(pulled.bytesReceived == model.manifest.totalWeightBytes)
        let cache = try ModelCache(root: registry.cachePath("cache"))
        for (group, blob) in zip(model.manifest.weights, model.blobs) {
            #expect(FileManager.default.contents(atPath: cache.blobPath(group.digest)) == blob)
        }
    }
}
