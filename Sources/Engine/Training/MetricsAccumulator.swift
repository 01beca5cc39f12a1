/// Collects predictions batch by batch and turns them into `ClassificationMetrics`.
///
/// Only counts are kept (a confusion matrix, top-5 hits and the loss sum), so memory does not
/// grow with the data set.
public struct MetricsAccumulator: Sendable {
    /// The class names, in output order.
    public let labels: [String]
    private var confusion: [[Int]]
    private var top5Hits = 0
    private var lossSum = 0.0
    private var lossCount = 0

    /// An empty accumulator for these classes.
    public init(labels: [String]) {
        self.labels = labels
        confusion = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
    }

    /// Adds one example from its scores (logits or probabilities) and its true class.
    public mutating func add(scores: UnsafeBufferPointer<Float>, target: Int) {
        precondition(scores.count == labels.count, "\(scores.count) scores for \(labels.count) classes")
        precondition(target >= 0 && target < labels.count, "target \(target) outside 0..<\(labels.count)")
        var best = 0
        var higher = 0
        let targetScore = scores[target]
        for index in 0..<scores.count {
            if scores[index] > scores[best] { best = index }
            // Equal scores at a lower index rank above the target (a stable sort), so a constant
            // output is not a top-5 hit for every class.
            if scores[index] > targetScore || (scores[index] == targetScore && index < target) { higher += 1 }
        }
        confusion[target][best] += 1
        if higher < 5 { top5Hits += 1 }
    }

    /// Adds a batch of scores `[N, K]` with its `N` true classes.
    public mutating func add(logits: Tensor, targets: [Int]) {
        precondition(logits.rank == 2 && logits.shape[0] == targets.count && logits.shape[1] == labels.count,
                     "logits \(logits.shape) for \(targets.count) targets and \(labels.count) classes")
        let classes = labels.count
        logits.withUnsafeBufferPointer { buffer in
            for (row, target) in targets.enumerated() {
                add(scores: UnsafeBufferPointer(rebasing: buffer[(row * classes)..<((row + 1) * classes)]),
                    target: target)
            }
        }
    }

    /// Adds a batch's mean loss, weighted by its size.
    public mutating func add(loss: Float, count: Int) {
        lossSum += Double(loss) * Double(count)
        lossCount += count
    }

    /// The metrics of everything added so far.
    public var metrics: ClassificationMetrics {
        ClassificationMetrics(labels: labels, confusion: confusion,
                              top5Hits: labels.count >= 5 ? top5Hits : nil,
                              loss: lossCount == 0 ? nil : lossSum / Double(lossCount))
    }
}
