import Engine
@testable import Finetune
import Foundation
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

@Suite("hub import, eval and predict")
struct FinetuneCommandsTests {
    let root = FinetuneFixtures.temporaryDirectory("import")

    @Test func importSplitsACheckpointIntoLayerGroupBlobs() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let cache = try ModelCache(root: root.appendingPathComponent("cache"))
        let source = try ArchitectureSpec(name: "small_cnn", classCount: 4).build(seed: 3)
        var tensors = NamedTensors()
        for (name, tensor) in source.stateDict() { tensors.set(tensor, for: name) }
        let file = root.appendingPathComponent("model.safetensors").path
        try SafetensorsWriter.write(tensors, to: file)
        let importer = CheckpointImporter(file: file, architecture: "small_cnn", name: try Reference(parsing: "bob/tiny"),
                                          input: FinetuneFixtures.input)
        let model = try importer.run(cache: cache)
        #expect(model.manifest.weights.map(\.group) == ["stem", "block1", "block2", "head"])
        #expect(model.manifest.labels.count == 4)
        #expect(model.manifest.lineage?.relation == "import" && model.manifest.lineage?.parent == nil)
        let loaded = try ModelLoader.load(model, cache: cache)
        for ((name, original), (_, copy)) in zip(source.stateDict(), loaded.network.stateDict()) {
            #expect(original.values == copy.values, "\(name)")
        }
    }

    @Test func importReportsMissingAndMisShapedNamesTogether() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let source = try ArchitectureSpec(name: "small_cnn", classCount: 4).build(seed: 3)
        var tensors = NamedTensors()
        for (name, tensor) in source.stateDict() where name != "stem.1.running_var" {
            tensors.set(name == "block1.0.weight" ? Tensor(shape: [1, 2, 3, 3]) : tensor, for: name)
        }
        let file = root.appendingPathComponent("broken.safetensors").path
        try SafetensorsWriter.write(tensors, to: file)
        let importer = CheckpointImporter(file: file, architecture: "small_cnn", name: try Reference(parsing: "bob/tiny"),
                                          input: FinetuneFixtures.input)
        let cache = try ModelCache(root: root.appendingPathComponent("cache"))
        do {
            _ = try importer.run(cache: cache)
            Issue.record("a checkpoint with a missing and a mis-shaped tensor must be refused")
        } catch {
            #expect(error.message.contains("stem.1.running_var"))
            #expect(error.message.contains("block1.0.weight"))
        }
    }

    @Test func evalAndPredictWorkOnTheDerivedModel() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = try ModelCache(root: root.appendingPathComponent("cache"))
        try FinetuneFixtures.saveBase(in: cache)
        let data = root.appendingPathComponent("data")
        try FinetuneFixtures.writeImageFolder(data, perClass: 16, seed: 11)
        var request = FinetuneRequest(base: try Reference(parsing: "stripes-base"), data: data.path,
                                      name: try Reference(parsing: "alice/stripes"))
        request.strategy = .featureExtraction
        request.training.epochs = 6
        request.training.learningRate = 0.05
        request.training.batchSize = 12
        _ = try FinetuneRun(request: request, cache: cache).run()
        let model = try ModelLoader.load(try cache.resolve(try Reference(parsing: "alice/stripes")), cache: cache)
        let metrics = try ModelEvaluation.evaluate(model, on: try DataSetSource.load(data.path))
        #expect(metrics.count == 48)
        #expect(metrics.accuracy > 0.7, "accuracy \(metrics.accuracy)")
        let image = data.appendingPathComponent("vertical/000.png").path
        let ranked = try ModelEvaluation.predict(model, imageAt: image, top: 3)
        #expect(ranked.count == 3)
        #expect(abs(ranked.map(\.probability).reduce(0, +) - 1) < 1e-6)
        #expect(ranked[0].probability >= ranked[1].probability)
        #expect(metrics.table.contains("macro-F1"))
    }
}
