/// One entry of `lineage.epochs`: what one epoch of the training that made this version measured, for
/// the model page's training curves. Optional: a manifest without them keeps its bytes and digest.
///
/// ```json
/// {"epoch": 1, "trainLoss": 0.9, "trainAccuracy": 0.7, "validationLoss": 0.8, "validationAccuracy": 0.75}
/// ```
public struct EpochMetrics: Codable, Hashable, Sendable {
    /// `epoch`: 1-based, increasing along the list.
    public var epoch: Int
    /// `trainLoss`: mean training loss over the epoch (cross-entropy, >= 0).
    public var trainLoss: Double
    /// `trainAccuracy`: share of training examples classified right during the epoch (0 ... 1).
    public var trainAccuracy: Double
    /// `validationLoss`: mean validation loss after the epoch; absent without a validation set.
    public var validationLoss: Double?
    /// `validationAccuracy`: validation accuracy after the epoch; absent without a validation set.
    public var validationAccuracy: Double?

    /// One epoch's numbers.
    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, validationLoss: Double? = nil,
                validationAccuracy: Double? = nil) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
    }
}
