import ContentStore
import Foundation
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

/// `hub pull` against a registry that lies about blobs: more bytes than declared, other bytes,
/// a Content-Length or Content-Range that does not match the request. Every lie is an error
/// naming the blob, and the cache keeps nothing under that digest, not even a partial file.
@Suite("pull from a registry that lies about blobs")
struct MaliciousBlobTests {
    let model = TestModels.base()
    var manifest: Data { model.manifest.canonicalData() }
    var backbone: WeightGroup { model.manifest.weights[0] }
    var head: WeightGroup { model.manifest.weights[1] }

    /// A registry serving the manifest and the head honestly, and the backbone as `crafted` says.
    func registry(backbone crafted: (inout CraftedRegistry.Route) -> Void) throws -> CraftedRegistry {
        var lying = CraftedRegistry.blobRoute(backbone.digest, file: "backbone")
        crafted(&lying)
        return try CraftedRegistry(
            [CraftedRegistry.manifestRoute(manifest, name: "tests/base"), lying,
             CraftedRegistry.blobRoute(head.digest, file: "head")],
            files: ["backbone": model.blobs[0], "head": model.blobs[1]])
    }

    /// Nothing under the backbone's digest in the cache, no file larger than the declared size, no model.
    func expectNothingStored(_ registry: CraftedRegistry, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let cache = try ModelCache(root: registry.cachePath())
        #expect(!cache.containsBlob(backbone.digest), sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: cache.blobs.partialPath(for: backbone.digest)),
                "a partial file is left", sourceLocation: sourceLocation)
        #expect(cache.listModels().isEmpty, sourceLocation: sourceLocation)
        let files = FileManager.default.enumerator(atPath: cache.root.path)?.allObjects as? [String] ?? []
        for file in files {
            let size = ModelCache.fileSize(cache.root.appendingPathComponent(file).path)
            #expect(size <= backbone.size, "\(file) holds \(size) bytes", sourceLocation: sourceLocation)
        }
    }

    @Test("a blob longer than declared (no Content-Length) is refused, and the cache never grows past the declared size")
    func longerThanDeclared() throws {
        let registry = try registry { $0.extra_bytes = 100_000; $0.no_length = true }
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("blob \(backbone.digest)"), "\(result.stderr)")
        #expect(result.stderr.contains("more than the declared \(ByteFormat.grouped(backbone.size)) bytes"),
                "\(result.stderr)")
        try expectNothingStored(registry)
    }

    @Test("a Content-Length other than the declared size is refused before a byte is written")
    func contentLengthMismatch() throws {
        let registry = try registry { $0.extra_bytes = 100; $0.content_length = Int(backbone.size) + 100 }
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("blob \(backbone.digest)"), "\(result.stderr)")
        #expect(result.stderr.contains("Content-Length \(backbone.size + 100)"), "\(result.stderr)")
        try expectNothingStored(registry)
    }

    @Test("a blob that ends early without a network error is refused and its bytes deleted")
    func shorterThanDeclared() throws {
        let registry = try registry { $0.send_bytes = 1_000; $0.no_length = true }
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("blob \(backbone.digest)"), "\(result.stderr)")
        #expect(result.stderr.contains("ended the blob after 1,000 of \(ByteFormat.grouped(backbone.size)) bytes"),
                "\(result.stderr)")
        try expectNothingStored(registry)
    }

    @Test("a blob whose bytes hash to another digest is refused, naming the blob")
    func wrongDigest() throws {
        var other = model.blobs[0]
        other[other.count - 1] ^= 0xFF
        let registry = try CraftedRegistry(
            [CraftedRegistry.manifestRoute(manifest, name: "tests/base"),
             CraftedRegistry.blobRoute(backbone.digest, file: "other"), CraftedRegistry.blobRoute(head.digest, file: "head")],
            files: ["other": other, "head": model.blobs[1]])
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("blob \(backbone.digest)") && result.stderr.contains("hashes to"),
                "\(result.stderr)")
        try expectNothingStored(registry)
    }

    @Test("a 206 whose Content-Range is not the range asked for is refused, and the partial file deleted")
    func contentRangeMismatch() throws {
        let size = backbone.size
        let registry = try registry {
            $0.honor_range = nil
            $0.status = 206
            $0.content_range = "bytes 0-\(size - 1)/\(size)"
        }
        let cache = try ModelCache(root: registry.cachePath())
        let half = model.blobs[0].prefix(Int(size / 2))
        try half.write(to: URL(fileURLWithPath: cache.blobs.partialPath(for: backbone.digest)))
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("blob \(backbone.digest)"), "\(result.stderr)")
        #expect(result.stderr.contains("Content-Range bytes 0-\(size - 1)/\(size)")
            && result.stderr.contains("bytes \(size / 2)-"), "\(result.stderr)")
        let asked = registry.requests.first { $0.path.hasPrefix("/v1/blobs/\(backbone.digest)") }
        #expect(asked?.headers["Range"] == "bytes=\(size / 2)-")
        try expectNothingStored(registry)
    }

    @Test("a 206 to a request for the whole blob is refused")
    func partialAnswerToWholeRequest() throws {
        let size = backbone.size
        let registry = try registry {
            $0.honor_range = nil
            $0.status = 206
            $0.content_range = "bytes 0-\(size - 1)/\(size * 2)"
        }
        let result = try registry.hub(["pull", "tests/base"])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("blob \(backbone.digest)") && result.stderr.contains("Content-Range"),
                "\(result.stderr)")
        try expectNothingStored(registry)
    }

    @Test("an honest registry still resumes a partial download with a range request")
    func honestResume() throws {
        let registry = try registry { _ in }
        let cache = try ModelCache(root: registry.cachePath())
        try model.blobs[0].prefix(1_000).write(to: URL(fileURLWithPath: cache.blobs.partialPath(for: backbone.digest)))
        let result = try registry.hub(["pull", "tests/base", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONDecoder().decode(PullReport.self, from: Data(result.stdout.utf8))
        #expect(report.bytesResumed == 1_000)
        #expect(FileManager.default.contents(atPath: cache.blobPath(backbone.digest)) == model.blobs[0])
    }

    @Test("a layer group whose safetensors header points outside its data: pull (with or without --output) refuses, naming the group, and keeps nothing")
    func outOfRangeOffsets() throws {
        let header = #"{"backbone.w":{"dtype":"F32","shape":[4],"data_offsets":[0,1000000000000]}}"#
        var length = UInt64(header.utf8.count).littleEndian
        let blob = Data(bytes: &length, count: 8) + Data(header.utf8) + Data(repeating: 7, count: 16)
        var manifest = model.manifest
        manifest.weights = [WeightGroup(group: "backbone", digest: Digest.sha256(of: blob), size: Int64(blob.count),
                                        parameters: ["backbone.w"])]
        manifest.frozen = []
        let registry = try CraftedRegistry(
            [CraftedRegistry.manifestRoute(manifest.canonicalData(), name: "tests/base"),
             CraftedRegistry.blobRoute(Digest.sha256(of: blob), file: "blob")], files: ["blob": blob])
        let output = registry.directory.appendingPathComponent("export")
        let result = try registry.hub(["pull", "tests/base", "--output", output.path])
        #expect(result.status == CommandExitCode.integrity.rawValue, "\(result.stderr)")
        #expect(result.stderr.contains("layer group backbone") && result.stderr.contains("\"backbone.w\"")
            && result.stderr.contains("data_offsets"), "\(result.stderr)")
        let written = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        #expect(!written.contains { $0.hasPrefix("model.safetensors") }, "\(written)")
        let cache = try ModelCache(root: registry.cachePath())
        #expect(!cache.containsBlob(Digest.sha256(of: blob)) && cache.listModels().isEmpty)
    }
}
