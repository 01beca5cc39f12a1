import Engine
import Foundation

extension ClassificationMetrics {
    /// Scores, the per-class table and the confusion matrix as aligned text (`hub eval`).
    public var table: String {
        let metrics = self
        var lines = [String(format: "accuracy %.1f%% (chance %.1f%%)  macro-F1 %.3f", metrics.accuracy * 100,
                            metrics.chanceAccuracy * 100, metrics.macroF1)]
        if let top5 = metrics.top5Accuracy { lines[0] += String(format: "  top-5 %.1f%%", top5 * 100) }
        let width = max(5, metrics.labels.map(\.count).max() ?? 5)
        lines.append("")
        lines.append("class".padding(toLength: width, withPad: " ", startingAt: 0) + "  precision  recall     F1  support")
        for item in metrics.perClass {
            lines.append(item.label.padding(toLength: width, withPad: " ", startingAt: 0)
                + String(format: "  %9.3f  %6.3f  %5.3f  %7d", item.precision, item.recall, item.f1, item.support))
        }
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
