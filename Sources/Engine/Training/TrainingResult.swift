/// What `Trainer.fit` returns: the history, the epoch kept and what stayed frozen.
public struct TrainingResult: Sendable {
    /// One record per epoch run (resumed epochs included).
    public var epochs: [EpochRecord]
    /// The epoch whose weights the network now holds.
    public var bestEpoch: Int
    /// Metrics of the kept weights on the validation set, when there is one.
    public var validation: ClassificationMetrics?
    /// Stages never trained in the kept weights: bit-identical to the starting network.
    public var frozenGroups: [String]
    /// Stages whose weights changed.
    public var trainedGroups: [String]
    /// Use of the frozen-prefix feature cache (training and validation together).
    public var featureCache: FeatureCacheStatistics?
    /// The epoch the run resumed after, if it resumed.
    public var resumedAfterEpoch: Int?
    /// Wall time of this call.
    public var seconds: Double
}
