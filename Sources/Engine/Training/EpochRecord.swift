/// What one epoch of training measured: the line printed per epoch and a point of the curves.
public struct EpochRecord: Codable, Equatable, Sendable {
    /// `epoch`: 1-based epoch number.
    public var epoch: Int
    /// `trainLoss`: mean training loss over the epoch.
    public var trainLoss: Double
    /// `trainAccuracy`: share of training examples classified right during the epoch.
    public var trainAccuracy: Double
    /// `validationLoss`: mean validation loss after the epoch, when there is a validation set.
    public var validationLoss: Double?
    /// `validationAccuracy`: validation accuracy after the epoch.
    public var validationAccuracy: Double?
    /// `learningRate`: the head's learning rate during the epoch.
    public var learningRate: Double
    /// `trainableGroups`: the layer groups trained in this epoch (changes under `gradual`).
    public var trainableGroups: [String]
    /// `seconds`: wall time of the epoch, validation included.
    public var seconds: Double

    /// A record of one epoch.
    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double, validationLoss: Double?,
                validationAccuracy: Double?, learningRate: Double, trainableGroups: [String], seconds: Double) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.learningRate = learningRate
        self.trainableGroups = trainableGroups
        self.seconds = seconds
    }

    /// The line printed after the epoch, e.g.
    /// `epoch  3/10  train loss 0.4120 acc 86.2%  val loss 0.3901 acc 88.0%  lr 0.00950  2.1s`.
    public func line(of total: Int) -> String {
        let width = String(total).count
        var text = "epoch \(pad(String(epoch), width))/\(total)  train loss \(fixed(trainLoss, 4)) acc \(percent(trainAccuracy))"
        if let validationLoss, let validationAccuracy {
            text += "  val loss \(fixed(validationLoss, 4)) acc \(percent(validationAccuracy))"
        }
        text += "  lr \(fixed(learningRate, 5))  \(fixed(seconds, 1))s"
        return text
    }
}

/// `value` with `digits` decimals.
package func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return String(value) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (abs(value) * scale).rounded()
    let whole = Int(rounded / scale)
    let fraction = Int(rounded) - whole * Int(scale)
    let sign = value < 0 && rounded != 0 ? "-" : ""
    guard digits > 0 else { return sign + String(whole) }
    let fractionText = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
}

/// `0.862` as `86.2%`.
package func percent(_ value: Double) -> String { fixed(value * 100, 1) + "%" }

/// Left-pads `text` with spaces to `width`.
package func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
}
