import ContentStore
import Foundation
import HubServer
import Manifest
import Testing

@Suite("seed catalogue")
struct SeedLoaderTests {
    /// Writes a catalogue in the documented format, listing the child before its parent.
    static func buildCatalogue(_ models: [SyntheticModel]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("manifests"), withIntermediateDirectories: true)
        let store = try BlobStore(root: folder.appendingPathComponent("blobs"))
        var entries: [[String: String]] = []
        for model in models {
            for (digest, data) in model.blobs { try store.write(data, expected: digest) }
            let file = "manifests/\(model.manifest.name.replacingOccurrences(of: "/", with: "--")).json"
            try model.bytes.write(to: folder.appendingPathComponent(file))
            entries.append(["reference": "\(model.manifest.name):latest", "manifest": file])
        }
        let index = try JSONSerialization.data(withJSONObject: ["schemaVersion": 1, "models": entries])
        try index.write(to: folder.appendingPathComponent("index.json"))
        return folder
    }

    @Test("a fresh registry loads the catalogue (parents first, whatever the order) and serves it")
    func loadsOnFirstStart() async throws {
        let base = SyntheticModel.make(name: "seed-base", domain: ["imagenet"])
        let child = SyntheticModel.make(name: "community/seed-child", domain: ["medical"], parent: base, reuseFrozen: ["backbone"])
        let folder = try Self.buildCatalogue([child, base])
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestRegistry.with(seed: folder) { registry in
            let pulled = try await registry.request("GET", "/v1/models/community/seed-child/manifests/latest")
            #expect(pulled.body == child.bytes)
            for (digest, data) in child.blobs {
                #expect(try await registry.request("GET", "/v1/blobs/\(digest)").body == data)
            }
            let search = try await registry.request("GET", "/v1/search?domain=medical")
            #expect((search.object["results"] as? [[String: Any]])?.first?["parent"] as? String == base.pinned.description)
            // Loading again into a registry that has models does nothing.
            let again = try SeedLoader(data: registry.data, logger: .init(label: "test")).loadIfEmpty(from: folder)
            #expect(again == nil)
        }
    }

    @Test("a catalogue blob that does not match its digest is refused")
    func corruptBlobRefused() throws {
        let model = SyntheticModel.make(name: "seed-corrupt")
        let folder = try Self.buildCatalogue([model])
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try BlobStore(root: folder.appendingPathComponent("blobs"))
        let victim = model.manifest.weights[0].digest
        try Data(repeating: 0, count: Int(model.manifest.weights[0].size)).write(to: URL(fileURLWithPath: store.path(for: victim)))
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("hub-seed-target-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: target) }
        let data = try DataDirectory(root: target)
        #expect(throws: (any Error).self) { try SeedLoader(data: data, logger: .init(label: "test")).load(from: folder) }
        #expect(try !data.blobs.isStored(victim))
    }
}
