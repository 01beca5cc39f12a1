import Foundation
@testable import HubServer
import Manifest
import Safetensors
import Testing

@Suite("Hugging Face commit of a timm folder")
struct HuggingFaceTimmCommitTests {
    /// A timm-saved model.safetensors: one F32 tensor per name, values from `seed` per name.
    func weights(_ names: [String], seeds: [String: Float] = [:]) -> Data {
        var entries: [SafetensorsEntry] = []
        var data = Data()
        for name in names {
            let values = (0..<16).map { Float($0) / 16 + (seeds[name] ?? 0) }
            let bytes = values.withUnsafeBytes { Data($0) }
            entries.append(SafetensorsEntry(name: name, dtype: .F32, shape: [16], byteRange: data.count..<(data.count + bytes.count)))
            data += bytes
        }
        return Data(SafetensorsHeader.encode(entries, metadata: ["format": "pt"])) + data
    }

    let config = Data(#"{"architecture":"convnext_atto.d2_in1k","num_classes":2,"label_names":["cat","dog"],"pretrained_cfg":{"input_size":[3,224,224],"crop_pct":0.95,"interpolation":"bicubic","classifier":"head.fc"}}"#.utf8)
    let names = ["stem.0.weight", "stages.0.blocks.0.conv_dw.weight", "head.fc.weight"]

    /// Uploads weights through LFS and commits config.json + model.safetensors + README.md.
    func push(_ registry: TestRegistry, to repository: String, weights: Data, readme: String) async throws -> WireResponse {
        let oid = Digest.sha256(of: weights).hex
        let batch = try await registry.lfsBatch(repository, [(oid, weights.count)], token: registry.tokens.alice)
        let object = (batch.object["objects"] as? [[String: Any]])?.first
        if let upload = ((object?["actions"] as? [String: Any])?["upload"] as? [String: Any])?["href"] as? String {
            #expect(try await registry.request("PUT", registry.localPath(of: upload), body: weights).status == 200)
        }
        return try await registry.hfCommit(repository, [
            commitFile("config.json", config), commitFile("README.md", Data(readme.utf8)),
            commitLFSFile("model.safetensors", oid: oid, size: weights.count),
            commitLFSFile("pytorch_model.bin", oid: oid, size: weights.count),
        ], token: registry.tokens.alice)
    }

    func manifest(_ registry: TestRegistry, _ repository: String) async throws -> ModelManifest {
        let response = try await registry.request("GET", "\(TestRegistry.modelPath(repository))/manifests/latest")
        return try ModelManifest.decode(response.body)
    }

    @Test("an architecture the engine cannot run is stored, one group per top-level prefix; a fine-tune naming it as base_model shares its unchanged groups and records the lineage")
    func importAndFineTune() async throws {
        try await TestRegistry.with { registry in
            let base = try await push(registry, to: "alice/atto", weights: weights(names),
                                      readme: "---\nlicense: apache-2.0\ntags:\n- timm\n- fashion\n---\n# Atto\n")
            #expect(base.status == 200)
            let parent = try await manifest(registry, "alice/atto")
            #expect(parent.weights.map(\.group).sorted() == ["head", "stages", "stem"])
            #expect(parent.architecture.family == "timm")
            #expect(parent.labels == ["cat", "dog"])
            #expect(base.object["commitOid"] as? String == String(Digest.sha256(of: parent.canonicalData()).hex.prefix(40)))

            let tuned = try await push(registry, to: "alice/atto-tuned", weights: weights(names, seeds: ["head.fc.weight": 1]),
                                       readme: "---\nbase_model: alice/atto\n---\n# Tuned\n")
            #expect(tuned.status == 200)
            let child = try await manifest(registry, "alice/atto-tuned")
            #expect(child.lineage?.parent?.repository == "alice/atto")
            #expect(child.frozen.sorted() == ["stages", "stem"])
            let shared = Set(parent.weights.map(\.digest)).intersection(child.weights.map(\.digest))
            #expect(shared.count == 2)
        }
    }

    @Test("a timm folder without model.safetensors is refused saying so")
    func missingWeights() async throws {
        try await TestRegistry.with { registry in
            let answer = try await registry.hfCommit("alice/atto", [commitFile("config.json", config)], token: registry.tokens.alice)
            #expect(answer.status == 400)
            #expect(answer.errorMessage.contains("model.safetensors"))
        }
    }
}
