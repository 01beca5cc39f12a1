import Engine
import Foundation
import Manifest

extension ClassificationMetrics {
    /// Precision, recall, F1 and support of each class, as the one per-class table.
    public var perClassMetrics: PerClassMetrics {
        PerClassMetrics(rows: perClass.map {
            PerClassMetrics.Row(label: $0.label, precision: $0.precision, recall: $0.recall, f1: $0.f1, support: $0.support)
        })
    }

    /// Scores, the per-class table and the confusion matrix as aligned text (`hub eval`).
    public var table: String {
        let metrics = self
        var lines = [String(format: "accuracy %.1f%% (chance %.1f%%)  macro-F1 %.3f", metrics.accuracy * 100,
                            metrics.chanceAccuracy * 100, metrics.macroF1)]
        if let top5 = metrics.top5Accuracy { lines[0] += String(format: "  top-5 %.1f%%", top5 * 100) }
        let width = max(5, metrics.labels.map(\.count).max() ?? 5)
        lines.append("")
        lines += perClassMetrics.textLines()
        lines.append("")
        lines.append("confusion matrix (rows: true, columns: predicted, in label order)")
        let cell = max(4, String(metrics.confusion.flatMap { $0 }.max() ?? 0).count + 1)
        for (row, counts) in metrics.confusion.enumerated() {
            lines.append(metrics.labels[row].padding(toLength: width, withPad: " ", startingAt: 0)
                + counts.map { String(repeating: " ", count: max(0, cell - String($0).count)) + String($0) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
