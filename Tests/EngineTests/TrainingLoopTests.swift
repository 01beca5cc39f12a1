import Foundation
import Testing
@testable import Engine

@Suite("Training loop")
struct TrainingLoopTests {
    let training = TrainingFixtures.stripes(perClass: 40, seed: 1)
    let validation = TrainingFixtures.stripes(perClass: 20, seed: 2)

    func configuration(_ strategy: Strategy, epochs: Int = 6) -> TrainingConfiguration {
        var configuration = TrainingConfiguration(strategy: strategy)
        configuration.epochs = epochs
        configuration.batchSize = 16
        configuration.learningRate = 0.05
        configuration.seed = 3
        return configuration
    }

    @Test func featureExtractionLearnsAndLeavesTheBodyBitIdentical() throws {
        let network = TrainingFixtures.network(seed: 10)
        let before = TrainingFixtures.snapshot(network)
        let trainer = Trainer(network: network, labels: TrainingFixtures.labels,
                              configuration: configuration(.featureExtraction, epochs: 8))
        let result = try trainer.fit(training: training, validation: validation)
        let after = TrainingFixtures.snapshot(network)
        for name in before.keys where !name.hasPrefix("fc.") {
            #expect(before[name] == after[name], "\(name) changed although frozen")
        }
        #expect(before["fc.weight"] != after["fc.weight"])
        #expect(result.frozenGroups == ["stem", "layer1", "layer2"])
        #expect(result.trainedGroups == ["head"])
        let accuracy = try #require(result.validation?.accuracy)
        #expect(accuracy > 0.75, "validation accuracy \(accuracy), chance is 0.33")
        // Every example's features were computed once and then reused.
        let cache = try #require(result.featureCache)
        #expect(cache.computed == training.count + validation.count)
        #expect(cache.hits >= 7 * (training.count + validation.count))
    }

    @Test func topKTrainsOnlyTheTopBlocks() throws {
        let network = TrainingFixtures.network(seed: 11)
        let before = TrainingFixtures.snapshot(network)
        let result = try Trainer(network: network, labels: TrainingFixtures.labels,
                                 configuration: configuration(.topK(blocks: 1)))
            .fit(training: training, validation: validation)
        let after = TrainingFixtures.snapshot(network)
        #expect(result.frozenGroups == ["stem", "layer1"])
        #expect(before["layer1.bn.running_mean"] == after["layer1.bn.running_mean"])
        #expect(before["layer1.conv.weight"] == after["layer1.conv.weight"])
        #expect(before["layer2.conv.weight"] != after["layer2.conv.weight"])
        #expect(before["layer2.bn.weight"] != after["layer2.bn.weight"], "batch-norm scale trains")
        #expect(before["layer2.bn.running_var"] == after["layer2.bn.running_var"],
                "by default (--batch-norm frozen) trained layers keep the parent's statistics")
        #expect(try #require(result.validation?.accuracy) > 0.75)
    }

    @Test("--batch-norm adapt normalises by batch and updates the running statistics of trained layers")
    func adaptedBatchNormUpdatesStatistics() throws {
        let network = TrainingFixtures.network(seed: 11)
        let before = TrainingFixtures.snapshot(network)
        var settings = configuration(.topK(blocks: 1))
        settings.batchNorm = .adapt
        let result = try Trainer(network: network, labels: TrainingFixtures.labels, configuration: settings)
            .fit(training: training, validation: validation)
        let after = TrainingFixtures.snapshot(network)
        #expect(before["layer1.bn.running_mean"] == after["layer1.bn.running_mean"], "frozen layers never change")
        #expect(before["layer2.bn.running_var"] != after["layer2.bn.running_var"])
        #expect(try #require(result.validation?.accuracy) > 0.75)
    }

    @Test func gradualUnfreezesOneMoreBlockPerStage() throws {
        var settings = configuration(.gradual(epochsPerStage: 2), epochs: 6)
        settings.patience = nil
        let trainer = Trainer(network: TrainingFixtures.network(seed: 12), labels: TrainingFixtures.labels,
                              configuration: settings)
        #expect((0..<6).map(trainer.boundary(atEpoch:)) == [3, 3, 2, 2, 1, 1])
        let result = try trainer.fit(training: training, validation: validation)
        #expect(result.epochs.map(\.trainableGroups.count) == [1, 1, 2, 2, 3, 3])
    }

    @Test func fullUsesALowerRateForPretrainedLayers() throws {
        let trainer = Trainer(network: TrainingFixtures.network(seed: 13), labels: TrainingFixtures.labels,
                              configuration: configuration(.full))
        try trainer.prepare(boundary: 0, checkpointState: nil)
        let rates = try #require(trainer.optimizer?.groups.map(\.learningRate))
        #expect(rates == [0.05, 0.05 * 0.01])
        #expect(trainer.optimizer?.groups[0].parameters.map(\.0) == ["fc.weight", "fc.bias"])
    }

    @Test func sameSeedSameWeights() throws {
        func run() throws -> [String: [Float]] {
            let network = TrainingFixtures.network(seed: 14)
            _ = try Trainer(network: network, labels: TrainingFixtures.labels, configuration: configuration(.full, epochs: 2))
                .fit(training: training, validation: validation)
            return TrainingFixtures.snapshot(network)
        }
        #expect(try run() == run())
    }

    @Test func earlyStoppingKeepsTheBestEpoch() throws {
        var settings = configuration(.featureExtraction, epochs: 30)
        settings.learningRate = 2  // far too high: validation accuracy stops improving quickly
        settings.schedule = .constant
        settings.patience = 2
        let result = try Trainer(network: TrainingFixtures.network(seed: 15), labels: TrainingFixtures.labels,
                                 configuration: settings).fit(training: training, validation: validation)
        #expect(result.epochs.count < 30)
        let best = try #require(result.epochs.first { $0.epoch == result.bestEpoch })
        #expect(result.epochs.allSatisfy { ($0.validationAccuracy ?? 0) <= (best.validationAccuracy ?? 0) })
        #expect(result.validation?.accuracy == best.validationAccuracy)
    }
}
