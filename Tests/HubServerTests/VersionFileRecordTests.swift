import Foundation
@testable import HubServer
import Manifest
import Testing

/// The files of a version's HF view are fixed when first computed: recorded at publish, computed once
/// for a version published without them (a bulk load), and served from the record afterwards.
@Suite("Hugging Face version files are fixed")
struct VersionFileRecordTests {
    private func recordedPaths(_ registry: TestRegistry, _ digest: Digest) async throws -> [String] {
        try await registry.data.database.read { db in
            try db.query("""
                SELECT f.path FROM version_files f JOIN versions v ON v.id = f.version_id WHERE v.digest = ? ORDER BY f.path
                """, [.text(digest.description)]) { $0.text(0) }
        }
    }

    @Test("publishing records every file with its size and hashes, before any HF request")
    func atPublish() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            #expect(try await recordedPaths(registry, fixture.resnet.digest) == ["README.md", "config.json", "manifest.json", "model.safetensors"])
            #expect(try await recordedPaths(registry, fixture.official.digest)
                == ["README.md", "config.json", "manifest.json", "model.safetensors", "timm/model.safetensors"])
        }
    }

    @Test("a version published without records gets them on first access, the same as at publish")
    func onFirstAccess() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.safetensors(name: "tests/bulk", seed: 9)
            for (_, data) in model.blobs { _ = try registry.data.blobs.store(data) }
            try ModelRepository.publishInOneTransaction([model.manifest], tag: "latest", into: registry.data)
            #expect(try await recordedPaths(registry, model.digest).isEmpty)
            let response = try await registry.request("GET", "/hf/tests/bulk/resolve/main/model.safetensors")
            #expect(response.status == 200)
            try expectSameTensors(response.body, as: model)
            #expect(try await recordedPaths(registry, model.digest) == ["README.md", "config.json", "manifest.json", "model.safetensors"])
        }
    }

    @Test("served bytes and ETags come from the record, not from today's generator")
    func recordWins() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let digest = fixture.resnet.digest.description
            let frozen = Data("---\nlicense: old-generator\n---\n".utf8)
            try await registry.data.database.write { db in
                try db.run("""
                    UPDATE version_files SET content = ?, size = ?, oid = 'feedfeedfeedfeedfeedfeedfeedfeedfeedfeed'
                    WHERE path = 'README.md' AND version_id = (SELECT id FROM versions WHERE digest = ?)
                    """, [.blob(frozen), .integer(Int64(frozen.count)), .text(digest)])
            }
            let readme = try await registry.request("GET", "/hf/alice/resnet/resolve/main/README.md")
            #expect(readme.body == frozen)
            #expect(readme.headers["etag"] == "\"feedfeedfeedfeedfeedfeedfeedfeedfeedfeed\"")
        }
    }

    @Test("republishing the same manifest under another tag keeps the recorded files")
    func retag() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let before = try await recordedPaths(registry, fixture.resnet.digest)
            let response = try await registry.publish(fixture.resnet.bytes, to: "alice/resnet", tag: "v2", token: registry.tokens.alice)
            #expect(response.status == 200)
            #expect(try await recordedPaths(registry, fixture.resnet.digest) == before)
        }
    }

    @Test("concurrent first accesses to a version without records all get the same files")
    func concurrentFirstAccess() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.safetensors(name: "tests/bulk", seed: 11)
            for (_, data) in model.blobs { _ = try registry.data.blobs.store(data) }
            try ModelRepository.publishInOneTransaction([model.manifest], tag: "latest", into: registry.data)
            let etags = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await registry.request("HEAD", "/hf/tests/bulk/resolve/main/model.safetensors").headers["etag"] }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(etags.count == 8 && Set(etags).count == 1 && etags[0] != nil)
            #expect(try await recordedPaths(registry, model.digest).count == 4)
        }
    }
}
