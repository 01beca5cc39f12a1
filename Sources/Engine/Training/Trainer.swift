import Foundation

/// Trains a `StagedNetwork` with one of the fine-tuning strategies (llm.c style: one readable loop).
///
/// Per epoch: pick the frozen boundary (it moves under `gradual`), shuffle by seed and epoch,
/// run the frozen prefix through the feature cache when it can, train the rest with softmax
/// cross-entropy, evaluate on the validation set, keep the best epoch's weights, write a checkpoint.
/// Everything random derives from `configuration.seed`, so a run repeats exactly.
public final class Trainer {
    /// The network being trained.
    public let network: StagedNetwork
    /// The class names, in output order.
    public let labels: [String]
    /// The run's settings.
    public let configuration: TrainingConfiguration
    /// Receives progress; may be nil.
    public weak var observer: (any TrainingObserver)?

    let loss = SoftmaxCrossEntropy()
    var optimizer: (any Optimizer)?
    var boundaryInEffect: Int?
    var caches: [String: FeatureCache] = [:]
    var cacheStatistics = FeatureCacheStatistics()

    /// A trainer for `network` whose head has `labels.count` outputs.
    public init(network: StagedNetwork, labels: [String], configuration: TrainingConfiguration) {
        self.network = network
        self.labels = labels
        self.configuration = configuration
    }

    /// The first trained stage in `epoch` (0-based).
    public func boundary(atEpoch epoch: Int) -> Int {
        switch configuration.strategy {
        case .featureExtraction: return network.headIndex
        case let .topK(blocks): return network.boundary(unfreezingTop: blocks)
        case .full: return 0
        case let .gradual(every): return network.boundary(unfreezingTop: epoch / max(1, every))
        }
    }

    /// The earliest stage any epoch of the plan trains: checkpoints and snapshots cover stages from here.
    var earliestTrained: Int { (0..<configuration.epochs).map(boundary(atEpoch:)).min() ?? network.headIndex }

    /// Trains on `training`, measuring on `validation` after every epoch, and leaves the best
    /// epoch's weights in the network.
    public func fit(training: any ExampleSource, validation: (any ExampleSource)?) throws -> TrainingResult {
        let started = Date()
        var state = try resumeState() ?? RunState()
        let resumedAfter = state.completedEpochs > 0 ? state.completedEpochs : nil
        if let resumedAfter {
            observer?.trainingNote("resuming after epoch \(resumedAfter) of \(configuration.epochs) from \(configuration.checkpointDirectory ?? "")")
        }
        let stepsPerEpoch = batches(count: training.count, seed: 0, epoch: 0).count
        for epoch in state.completedEpochs..<configuration.epochs {
            if let patience = configuration.patience, state.epochsSinceBest >= patience, validation != nil {
                observer?.trainingNote("early stop: no better validation accuracy for \(patience) epochs; keeping epoch \(state.bestEpoch)")
                break
            }
            let epochStart = Date()
            let boundary = boundary(atEpoch: epoch)
            try prepare(boundary: boundary, checkpointState: state.optimizer)
            state.optimizer = nil
            let (trainLoss, trainAccuracy) = try trainEpoch(epoch, source: training, boundary: boundary,
                                                            schedule: schedule(stepsPerEpoch: stepsPerEpoch))
            let measured = try validation.map { try evaluate($0, split: "validation", boundary: boundary) }
            let record = EpochRecord(
                epoch: epoch + 1, trainLoss: trainLoss, trainAccuracy: trainAccuracy,
                validationLoss: measured?.loss, validationAccuracy: measured?.accuracy,
                learningRate: Double(configuration.learningRate * (optimizer?.learningRateFactor ?? 1)),
                trainableGroups: network.stages[boundary...].map(\.group),
                seconds: Date().timeIntervalSince(epochStart))
            state.record(record, metrics: measured, snapshot: { network.state(of: earliestTrained..<network.stages.count) })
            try writeCheckpoint(state)
            try observer?.epochFinished(record, of: configuration.epochs)
        }
        return try finish(state, validation: validation, resumedAfter: resumedAfter, started: started)
    }

    /// Restores the best snapshot and measures it.
    private func finish(_ state: RunState, validation: (any ExampleSource)?, resumedAfter: Int?,
                        started: Date) throws -> TrainingResult {
        if let best = state.bestSnapshot {
            try network.restore(best, stages: earliestTrained..<network.stages.count)
        }
        let keptBoundary = boundary(atEpoch: max(0, state.bestEpoch - 1))
        let metrics = try validation.map { try evaluate($0, split: "validation", boundary: keptBoundary) }
        network.setTrainedMode(.inference, from: 0)
        return TrainingResult(
            epochs: state.records, bestEpoch: state.bestEpoch, validation: metrics,
            frozenGroups: network.stages[..<keptBoundary].map(\.group),
            trainedGroups: network.stages[keptBoundary...].map(\.group),
            featureCache: caches.isEmpty ? nil : cacheStatistics,
            resumedAfterEpoch: resumedAfter, seconds: Date().timeIntervalSince(started))
    }

    /// Freezes below `boundary` and (re)builds the optimizer when the trained set changes.
    func prepare(boundary: Int, checkpointState: NamedTensors?) throws {
        guard boundary != boundaryInEffect || optimizer == nil else { return }
        let carried = optimizer?.state()
        network.setBoundary(boundary)
        let rate = configuration.learningRate, decay = configuration.weightDecay
        var groups = [ParameterGroup(parameters: network.stages[network.headIndex].layer.trainableParameters(),
                                     learningRate: rate, weightDecay: decay)]
        let body = (boundary..<network.headIndex).flatMap { network.stages[$0].layer.trainableParameters() }
        if !body.isEmpty {
            groups.append(ParameterGroup(parameters: body, learningRate: rate * configuration.effectivePretrainedRateFactor,
                                         weightDecay: decay))
        }
        let made: any Optimizer = configuration.optimizer == .sgd
            ? SGD(groups: groups, momentum: 0.9, nesterov: true) : AdamW(groups: groups)
        if let state = checkpointState?.tensors ?? carried { try made.load(state: state) }
        optimizer = made
        boundaryInEffect = boundary
        let frozen = network.stages[..<boundary].map(\.group)
        observer?.trainingNote("training \(network.stages[boundary...].map(\.group).joined(separator: ", "))"
            + (frozen.isEmpty ? "" : "; frozen: \(frozen.joined(separator: ", "))"))
    }

    /// The learning-rate schedule over the whole run.
    func schedule(stepsPerEpoch: Int) -> LearningRateSchedule {
        let total = stepsPerEpoch * configuration.epochs
        switch configuration.schedule {
        case .constant: return .constant
        case .step: return .step(stepSize: max(1, total / 3), gamma: 0.1)
        case .cosine: return .cosine(warmupSteps: 0, totalSteps: total, minimumFactor: 0.01)
        }
    }

    /// Batches of example indices for `epoch`, shuffled by seed and epoch; a last batch of one
    /// joins the previous batch (batch norm cannot train on a single example).
    func batches(count: Int, seed: UInt64, epoch: Int) -> [[Int]] {
        var order = Array(0..<count)
        var generator = SeededGenerator(seed: seed &+ 0x5348_5546 &+ UInt64(epoch) &* 0x9E37_79B9)
        order.seededShuffle(using: &generator)
        var result = stride(from: 0, to: count, by: configuration.batchSize).map {
            Array(order[$0..<min($0 + configuration.batchSize, count)])
        }
        if result.count > 1, result.last!.count == 1 { result[result.count - 2] += result.removeLast() }
        return result
    }
}
