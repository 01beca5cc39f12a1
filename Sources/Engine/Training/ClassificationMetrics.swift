/// The measured quality of a classifier on one labelled data set.
///
/// Rows of `confusion` are true classes and columns predicted classes, so `confusion[t][p]`
/// counts examples of class `t` predicted as `p` (scikit-learn's convention).
public struct ClassificationMetrics: Codable, Equatable, Sendable {
    /// `labels`: the class names, in output order.
    public var labels: [String]
    /// `count`: the number of examples measured.
    public var count: Int
    /// `loss`: mean cross-entropy, when it was measured.
    public var loss: Double?
    /// `accuracy`: the share of examples whose top class is right.
    public var accuracy: Double
    /// `top5Accuracy`: the share whose true class is among the five best; only with >= 5 classes.
    public var top5Accuracy: Double?
    /// `macroF1`: the unweighted mean of the per-class F1 scores.
    public var macroF1: Double
    /// `perClass`: precision, recall, F1 and support of each class, in label order.
    public var perClass: [ClassMetrics]
    /// `confusion`: counts by true class (row) and predicted class (column).
    public var confusion: [[Int]]

    /// Metrics from a confusion matrix and the number of top-5 hits (nil when fewer than 5 classes).
    public init(labels: [String], confusion: [[Int]], top5Hits: Int?, loss: Double? = nil) {
        precondition(confusion.count == labels.count && confusion.allSatisfy { $0.count == labels.count },
                     "confusion matrix must be \(labels.count)x\(labels.count)")
        let classes = labels.count
        let total = confusion.reduce(0) { $0 + $1.reduce(0, +) }
        let correct = (0..<classes).reduce(0) { $0 + confusion[$1][$1] }
        self.labels = labels
        self.count = total
        self.loss = loss
        self.confusion = confusion
        self.accuracy = total == 0 ? 0 : Double(correct) / Double(total)
        self.top5Accuracy = top5Hits.map { total == 0 ? 0 : Double($0) / Double(total) }
        self.perClass = (0..<classes).map { index in
            let truePositives = confusion[index][index]
            let predicted = (0..<classes).reduce(0) { $0 + confusion[$1][index] }
            let support = confusion[index].reduce(0, +)
            return ClassMetrics(label: labels[index], truePositives: truePositives,
                                predicted: predicted, support: support)
        }
        self.macroF1 = classes == 0 ? 0 : perClass.reduce(0) { $0 + $1.f1 } / Double(classes)
    }

    /// The probability that a uniform random guess is right: 1 / classes.
    public var chanceAccuracy: Double { labels.isEmpty ? 0 : 1 / Double(labels.count) }
}

/// Precision, recall and F1 of one class.
public struct ClassMetrics: Codable, Equatable, Sendable {
    /// `label`: the class name.
    public var label: String
    /// `precision`: right predictions of this class over all predictions of it (0 when never predicted).
    public var precision: Double
    /// `recall`: examples of this class found over all examples of it (0 when there are none).
    public var recall: Double
    /// `f1`: the harmonic mean of precision and recall (0 when both are 0).
    public var f1: Double
    /// `support`: the number of examples of this class.
    public var support: Int

    /// The scores of one class from its counts.
    public init(label: String, truePositives: Int, predicted: Int, support: Int) {
        self.label = label
        self.support = support
        precision = predicted == 0 ? 0 : Double(truePositives) / Double(predicted)
        recall = support == 0 ? 0 : Double(truePositives) / Double(support)
        f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
    }
}
