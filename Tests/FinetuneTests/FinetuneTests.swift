import Engine
@testable import Finetune
import Foundation
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

@Suite("hub finetune")
struct FinetuneTests {
    let root = FinetuneFixtures.temporaryDirectory("finetune")

    func request(_ strategy: FinetuneRequest.StrategyChoice, data: URL) throws -> FinetuneRequest {
        var request = FinetuneRequest(base: try Reference(parsing: "stripes-base"), data: data.path,
                                      name: try Reference(parsing: "alice/stripes-\(strategy.rawValue)"))
        request.strategy = strategy
        request.unfreeze = 1
        request.validationSplit = 0.25
        request.training.epochs = 6
        request.training.batchSize = 12
        request.training.learningRate = 0.05
        request.training.seed = 4
        return request
    }

    @Test func topKKeepsFrozenBlobsAndRecordsLineage() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = try ModelCache(root: root.appendingPathComponent("cache"))
        let base = try FinetuneFixtures.saveBase(in: cache)
        let data = root.appendingPathComponent("data")
        try FinetuneFixtures.writeImageFolder(data, perClass: 24, seed: 7)
        var request = try request(.topK, data: data)
        request.reportDirectory = root.appendingPathComponent("report").path
        let outcome = try FinetuneRun(request: request, cache: cache).run()
        let manifest = outcome.model.manifest

        #expect(manifest.frozen == ["stem", "block1"])
        for group in ["stem", "block1"] {
            let mine = manifest.weights.first { $0.group == group }
            #expect(mine != nil && mine == base.manifest.weights.first { $0.group == group }, "\(group) keeps the parent's blob")
        }
        let head = try #require(manifest.weights.first { $0.group == "head" })
        #expect(head.digest != base.manifest.weights.first { $0.group == "head" }?.digest)
        #expect(manifest.labels == FinetuneFixtures.classes.sorted(), "class names are the sorted folder names")
        #expect(manifest.lineage?.parent == base.pinnedReference)
        #expect(manifest.lineage?.relation == "finetune")
        #expect(manifest.lineage?.strategy == "top-k")
        #expect(manifest.lineage?.hyperparameters["unfreeze"]?.numberValue == 1)
        let train = try #require(manifest.datasets.first { $0.split == "train" })
        #expect(train.size == 54 && train.classCounts == ["horizontal": 18, "vertical": 18, "diagonal": 18])
        #expect(train.fingerprint != nil)
        let accuracy = try #require(manifest.metrics.first { $0.name == "accuracy" }?.value)
        #expect(accuracy >= 0.8, "validation accuracy \(accuracy), chance is 0.33")
        #expect(manifest.metrics.contains { $0.name == "f1/vertical" })
        let matrix = try #require(manifest.confusionMatrix, "the kept weights' validation confusion matrix")
        #expect(matrix.split == "validation" && matrix.labels == manifest.labels && matrix.counts.count == 3)
        let validated = matrix.counts.joined().reduce(0, +)
        #expect(validated == manifest.datasets.first { $0.split == "validation" }?.size)
        #expect(Double((0..<3).reduce(0) { $0 + matrix.counts[$1][$1] }) / Double(validated) == accuracy)
        let epochs = try #require(manifest.lineage?.epochs, "each epoch's losses and accuracies")
        #expect(epochs.map(\.epoch) == Array(1...6))
        #expect(epochs.allSatisfy { $0.validationLoss != nil && $0.validationAccuracy != nil && $0.trainLoss > 0 })
        #expect(outcome.reportFiles.count == 3)
        // The derived model loads back with the new head and predicts like the trained network.
        let reloaded = try ModelLoader.load(try cache.resolve(try Reference(parsing: "alice/stripes-top-k")), cache: cache)
        #expect(reloaded.network.classCount == 3)
        #expect(try cache.resolve(try Reference(parsing: "alice/stripes-top-k")).isLocal)
    }

    @Test func autoRecordsItsReasonAndFeatureExtractionReusesEveryBodyBlob() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = try ModelCache(root: root.appendingPathComponent("cache"))
        let base = try FinetuneFixtures.saveBase(in: cache)
        let data = root.appendingPathComponent("data")
        try FinetuneFixtures.writeImageFolder(data, perClass: 16, seed: 8)
        var request = try request(.auto, data: data)
        request.domain = ["patterns"]
        let outcome = try FinetuneRun(request: request, cache: cache).run()
        let manifest = outcome.model.manifest
        #expect(outcome.strategy == .featureExtraction)
        #expect(manifest.lineage?.notes?.hasPrefix("auto chose feature-extraction: 36 images over 3 classes") == true)
        #expect(manifest.frozen == ["stem", "block1", "block2"])
        #expect(Set(manifest.weights.filter { $0.group != "head" }) == Set(base.manifest.weights.filter { $0.group != "head" }))
        #expect(manifest.lineage?.relation == "feature-extraction")
        #expect(outcome.result.featureCache.map { $0.hits > 0 } == true)
        #expect(try #require(outcome.result.validation?.accuracy) > 0.7)
    }

    @Test func unreadableImagesAreSkippedOrFailTheRun() throws {
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = try ModelCache(root: root.appendingPathComponent("cache"))
        try FinetuneFixtures.saveBase(in: cache)
        let data = root.appendingPathComponent("data")
        try FinetuneFixtures.writeImageFolder(data, perClass: 8, seed: 9)
        try Data("not a png".utf8).write(to: data.appendingPathComponent("vertical/broken.png"))
        var request = try request(.featureExtraction, data: data)
        request.training.epochs = 1
        request.skipBadImages = false
        do {
            _ = try FinetuneRun(request: request, cache: cache).run()
            Issue.record("a broken image must fail the run with --on-bad-image fail")
        } catch {
            #expect(error.message.contains("broken.png"))
        }
        request.skipBadImages = true
        let outcome = try FinetuneRun(request: request, cache: cache).run()
        #expect(outcome.skipped.count == 1 && outcome.skipped[0].contains("broken.png"))
    }

    @Test func fingerprintDependsOnBytesAndLabels() throws {
        var a = DataSetFingerprint(), b = DataSetFingerprint(), c = DataSetFingerprint(), d = DataSetFingerprint()
        a.add(identifier: "x/1.png", label: "x", bytes: Data([1, 2])); a.add(identifier: "y/2.png", label: "y", bytes: Data([3]))
        b.add(identifier: "y/2.png", label: "y", bytes: Data([3])); b.add(identifier: "x/1.png", label: "x", bytes: Data([1, 2]))
        c.add(identifier: "x/1.png", label: "y", bytes: Data([1, 2])); c.add(identifier: "y/2.png", label: "y", bytes: Data([3]))
        d.add(identifier: "x/1.png", label: "x", bytes: Data([1, 9])); d.add(identifier: "y/2.png", label: "y", bytes: Data([3]))
        #expect(a.finish() == b.finish(), "order does not matter")
        #expect(a.finish() != c.finish(), "a label change shows")
        #expect(a.finish() != d.finish(), "a byte change shows")
    }
}
