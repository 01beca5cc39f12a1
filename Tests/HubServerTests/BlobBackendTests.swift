import ContentStore
import Foundation
@testable import HubClient
@testable import HubServer
import Manifest
import ObjectStore
import Testing

/// The registry's blobs are where the configuration puts them, and a blob GET on an object store can
/// redirect to a presigned URL that serves the bytes (whole or by range) without the registry's token.
@Suite("blob back ends")
struct BlobBackendTests {
    @Test("pushed blobs land in the configured store: the folder, or the bucket under its digest keys")
    func blobsLandInTheConfiguredStore() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/where")
            #expect(try await registry.push(model, token: registry.tokens.alice).status == 201)
            if let objects = registry.data.blobs as? ObjectBlobStore {
                let keys = Set(try objects.client.list(prefix: "blobs/sha256/").map(\.key))
                for digest in model.blobs.keys { #expect(keys.contains(objects.key(for: digest))) }
                #expect(try objects.client.list(prefix: "staging/").isEmpty)
            } else {
                #expect(TestBackends.blobsAreFolder)
                let folder = try #require(registry.data.folderBlobs)
                for digest in model.blobs.keys { #expect(FileManager.default.fileExists(atPath: folder.path(for: digest))) }
            }
        }
    }

    @Test("with blob redirects, GET answers 307 to a presigned URL that serves the blob and its ranges",
          .enabled(if: !TestBackends.blobsAreFolder, "needs an object store (HUB_TEST_BLOBS)"))
    func redirectToPresignedURL() async throws {
        try await TestRegistry.with(configure: { $0.blobRedirectSeconds = 60 }) { registry in
            let model = SyntheticModel.make(name: "alice/redirected")
            #expect(try await registry.push(model, token: registry.tokens.alice).status == 201)
            let (digest, data) = try #require(model.blobs.first)
            let answer = try await registry.request("GET", "/v1/blobs/\(digest)")
            #expect(answer.status == 307)
            let location = try #require(answer.headers["location"])
            #expect(location.contains("X-Amz-Signature=") && location.contains("X-Amz-Expires=60"))
            #expect(!location.contains(registry.url.absoluteString))

            let transport = HTTPTransport(token: registry.tokens.alice, settings: TransferSettings())
            let whole = try transport.send(HTTPRequest("GET", registry.url.absoluteString + "/v1/blobs/\(digest)"))
            #expect(whole.status == 200)
            #expect(whole.body == data)
            let ranged = try transport.send(HTTPRequest("GET", registry.url.absoluteString + "/v1/blobs/\(digest)",
                                                        headers: ["Range: bytes=3-9"]))
            #expect(ranged.status == 206)
            #expect(ranged.body == data[data.startIndex + 3...data.startIndex + 9])
        }
    }

    @Test("without blob redirects, an object store's blob streams through the registry, also by range",
          .enabled(if: !TestBackends.blobsAreFolder, "needs an object store (HUB_TEST_BLOBS)"))
    func streamThrough() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/streamed")
            #expect(try await registry.push(model, token: registry.tokens.alice).status == 201)
            let (digest, data) = try #require(model.blobs.first)
            let whole = try await registry.request("GET", "/v1/blobs/\(digest)")
            #expect(whole.status == 200)
            #expect(whole.body == data)
            let ranged = try await registry.request("GET", "/v1/blobs/\(digest)", headers: ["Range": "bytes=1-4"])
            #expect(ranged.status == 206)
            #expect(ranged.body == data[data.startIndex + 1...data.startIndex + 4])
        }
    }
}
