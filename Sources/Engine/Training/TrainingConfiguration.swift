/// Every setting of a training run. The defaults are the command's defaults.
public struct TrainingConfiguration: Sendable {
    /// Which optimizer updates the weights.
    public enum OptimizerKind: String, Sendable, CaseIterable {
        /// SGD with Nesterov momentum 0.9.
        case sgd
        /// AdamW (betas 0.9 / 0.999).
        case adamw
    }

    /// What batch norm does in the pretrained layers that train.
    public enum BatchNormMode: String, Sendable, CaseIterable {
        /// Normalise with the parent's running statistics, which stay unchanged; the scale and
        /// shift still train. Training and evaluation then compute the same function, as
        /// recommended for small data sets (a pretrained network's statistics take thousands
        /// of steps to move at EfficientNet's momentum 0.01, and stale ones wreck evaluation).
        case frozen
        /// Normalise with each batch's statistics and update the running ones (PyTorch's
        /// `model.train()`): needed when training from a fresh initialisation.
        case adapt
    }

    /// How the learning rate moves over the run.
    public enum ScheduleKind: String, Sendable, CaseIterable {
        /// Half-cosine from the base rate down to 1% of it at the last step.
        case cosine
        /// Divided by 10 after each third of the epochs.
        case step
        /// The base rate throughout.
        case constant
    }

    /// How much of the network trains.
    public var strategy: Strategy
    /// Maximum number of epochs.
    public var epochs: Int = 10
    /// Examples per step.
    public var batchSize: Int = 32
    /// The head's learning rate.
    public var learningRate: Float = 0.01
    /// The pretrained layers' rate as a fraction of the head's; nil takes the strategy's
    /// (full: 0.01, top-k and gradual: 0.1).
    public var pretrainedRateFactor: Float?
    /// The optimizer.
    public var optimizer: OptimizerKind = .sgd
    /// Decoupled (AdamW) or L2 (SGD) weight decay.
    public var weightDecay: Float = 1e-4
    /// The learning-rate schedule.
    public var schedule: ScheduleKind = .cosine
    /// Stop after this many epochs without a better validation accuracy; nil never stops early.
    public var patience: Int?
    /// Batch norm in the pretrained layers that train (a new head's own layers always adapt).
    public var batchNorm: BatchNormMode = .frozen
    /// Random flips and crops of training inputs (turns the feature cache off).
    public var augment: Bool = false
    /// Fixes shuffling, augmentation and initialisation.
    public var seed: UInt64 = 0
    /// Bytes of frozen-prefix features kept in memory before spilling to disk.
    public var featureCacheMemoryLimit: Int = 512 << 20
    /// Where a checkpoint is written after every epoch; nil writes none.
    public var checkpointDirectory: String?
    /// Continue from the last checkpoint in `checkpointDirectory` instead of starting over.
    public var resume: Bool = false

    /// A configuration for `strategy` with the defaults.
    public init(strategy: Strategy) { self.strategy = strategy }

    /// The pretrained layers' rate factor in effect.
    public var effectivePretrainedRateFactor: Float {
        if let pretrainedRateFactor { return pretrainedRateFactor }
        return strategy == .full ? 0.01 : 0.1
    }

    /// A text that changes whenever a setting that shapes the run changes (checked on `--resume`).
    var resumeKey: String {
        "\(strategy)|\(epochs)|\(batchSize)|\(learningRate)|\(effectivePretrainedRateFactor)|\(optimizer)|"
            + "\(weightDecay)|\(schedule)|\(augment)|\(seed)|\(batchNorm)"
    }
}

/// What a training run reports as it goes. Every method has a default that does nothing.
public protocol TrainingObserver: AnyObject {
    /// A message worth printing (strategy, cache use, resume).
    func trainingNote(_ message: String)
    /// `done` of `total` batches of `epoch` are finished.
    func batchFinished(epoch: Int, done: Int, total: Int)
    /// An epoch ended; throwing stops the run (its checkpoint is already written).
    func epochFinished(_ record: EpochRecord, of total: Int) throws
}

extension TrainingObserver {
    public func trainingNote(_ message: String) {}
    public func batchFinished(epoch: Int, done: Int, total: Int) {}
    public func epochFinished(_ record: EpochRecord, of total: Int) throws {}
}
