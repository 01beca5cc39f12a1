import Foundation
import Testing
@testable import Engine

@Suite("Training checkpoints and resume")
struct TrainingResumeTests {
    /// Throws after a given epoch, like a run interrupted right after its checkpoint.
    final class Interrupt: TrainingObserver {
        let afterEpoch: Int
        init(afterEpoch: Int) { self.afterEpoch = afterEpoch }
        func epochFinished(_ record: EpochRecord, of total: Int) throws {
            if record.epoch == afterEpoch { throw CancellationError() }
        }
    }

    @Test func resumeContinuesExactlyWhereTheRunStopped() throws {
        try checkResumeIsExact(dropoutHead: false)
    }

    @Test("resume is exact with a hidden layer and dropout in the head (dropout reseeded per epoch)")
    func resumeWithDropoutHeadIsExact() throws {
        try checkResumeIsExact(dropoutHead: true)
    }

    /// The base with a Linear -> ReLU -> Dropout(0.5) -> Linear head instead of a single Linear.
    static func network(seed: UInt64, dropoutHead: Bool) -> StagedNetwork {
        let network = TrainingFixtures.network(seed: seed)
        guard dropoutHead else { return network }
        var g = SeededGenerator(seed: seed &+ 7)
        network.replaceHead(Sequential([
            ("pool", GlobalAvgPool2d()), ("flatten", Flatten()), ("fc1", Linear(16, 12, generator: &g)),
            ("relu", ReLU()), ("dropout", Dropout(probability: 0.5, seed: 1)), ("fc2", Linear(12, 3, generator: &g)),
        ]))
        return network
    }

    func checkResumeIsExact(dropoutHead: Bool) throws {
        let training = TrainingFixtures.stripes(perClass: 20, seed: 1)
        let validation = TrainingFixtures.stripes(perClass: 10, seed: 2)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hub-resume-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var settings = TrainingConfiguration(strategy: .topK(blocks: 1))
        settings.epochs = 4
        settings.batchSize = 16
        settings.learningRate = 0.05
        settings.seed = 5
        settings.optimizer = .adamw

        let straight = Self.network(seed: 20, dropoutHead: dropoutHead)
        let uninterrupted = try Trainer(network: straight, labels: TrainingFixtures.labels, configuration: settings)
            .fit(training: training, validation: validation)

        settings.checkpointDirectory = directory
        let interrupt = Interrupt(afterEpoch: 2)
        let first = Trainer(network: Self.network(seed: 20, dropoutHead: dropoutHead), labels: TrainingFixtures.labels, configuration: settings)
        first.observer = interrupt
        #expect(throws: CancellationError.self) { try first.fit(training: training, validation: validation) }
        #expect(Trainer.completedCheckpoints(in: directory) == [2])

        settings.resume = true
        let resumedNetwork = Self.network(seed: 20, dropoutHead: dropoutHead)
        let resumed = try Trainer(network: resumedNetwork, labels: TrainingFixtures.labels, configuration: settings)
            .fit(training: training, validation: validation)
        #expect(resumed.resumedAfterEpoch == 2)
        #expect(resumed.epochs.map(\.epoch) == [1, 2, 3, 4])
        #expect(resumed.epochs.map(\.trainLoss) == uninterrupted.epochs.map(\.trainLoss))
        #expect(TrainingFixtures.snapshot(resumedNetwork) == TrainingFixtures.snapshot(straight))
    }

    @Test func resumeRefusesOtherSettings() throws {
        let training = TrainingFixtures.stripes(perClass: 6, seed: 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hub-resume-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var settings = TrainingConfiguration(strategy: .featureExtraction)
        settings.epochs = 1
        settings.checkpointDirectory = directory
        _ = try Trainer(network: TrainingFixtures.network(seed: 1), labels: TrainingFixtures.labels, configuration: settings)
            .fit(training: training, validation: nil)
        settings.resume = true
        settings.learningRate = 0.5
        #expect(throws: DataSetError.self) {
            try Trainer(network: TrainingFixtures.network(seed: 1), labels: TrainingFixtures.labels, configuration: settings)
                .fit(training: training, validation: nil)
        }
    }
}
