import Engine
@testable import Finetune
import Foundation
import HubTestSupport
import Manifest
@testable import ModelStore
import Testing

/// A model whose architecture the engine cannot build (here one imported from timm) is stored like any
/// other, but `hub finetune` and `hub eval` refuse it by name and list what the engine supports.
@Suite("hub finetune and hub eval on an architecture the engine does not build")
final class UnsupportedArchitectureTests {
    let root = FinetuneFixtures.temporaryDirectory("unsupported-architecture")
    static let expected = "the engine does not support architecture convnext_atto.d2_in1k (family timm) yet; it supports: "
        + "resnet18, resnet34, resnet50, mobilenet_v2, efficientnet_lite0, efficientnet_lite1, efficientnet_lite2, vgg16, small_cnn"

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Saves `bob/convnext` (family `timm`, timm's name in `architecture.config.timm`) and a data folder.
    func prepare() throws -> String {
        let cache = try ModelCache(root: root.appendingPathComponent("cache"))
        var tensors = NamedTensors()
        tensors.set(try Tensor(shape: [3, 4], values: Array(repeating: 0.5, count: 12)), for: "head.fc.weight")
        let blob = Data(SafetensorsWriter.encode(tensors))
        let stored = try cache.storeBlob(blob)
        let manifest = ModelManifest(
            name: "bob/convnext", description: "Imported from timm.", license: "Apache-2.0", author: "bob",
            created: Date(timeIntervalSince1970: 1_790_000_000),
            architecture: Architecture(family: "timm", variant: "convnext_atto_d2_in1k", numClasses: 3,
                                       config: ["timm": .string("convnext_atto.d2_in1k")]),
            input: FinetuneFixtures.input, task: "image-classification", labels: ["a", "b", "c"],
            domain: Domain(tags: ["patterns"]), datasets: [],
            weights: [WeightGroup(group: "head", digest: stored.digest, size: stored.size, parameters: ["head.fc.weight"])],
            frozen: [], lineage: Lineage(parent: nil, relation: "import"), metrics: [])
        _ = try cache.saveLocal(manifest: manifest, blobs: [blob])
        let data = root.appendingPathComponent("data")
        try FinetuneFixtures.writeImageFolder(data, perClass: 3, seed: 4)
        return data.path
    }

    @Test("the engine's refusal names the architecture and lists the supported ones")
    func loaderMessage() {
        let architecture = Architecture(family: "timm", variant: "convnext_atto_d2_in1k", numClasses: 3,
                                        config: ["timm": .string("convnext_atto.d2_in1k")])
        let error = #expect(throws: FinetuneError.self) { try ModelLoader.build(architecture) }
        #expect(error?.message == Self.expected)
    }

    @Test("hub finetune and hub eval say so, as a usage error", arguments: [
        ["finetune", "bob/convnext", "--name", "bob/convnext-tuned"], ["eval", "bob/convnext"],
    ])
    func commands(arguments: [String]) throws {
        let data = try prepare()
        let result = try FinetuneFixtures.runHub(arguments + ["--data", data], in: root)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(Self.expected), "\(result.stderr)")
    }
}
