import Foundation
import Manifest

/// The metrics of `hub info`: whole-set scores one per line, then per-class precision, recall
/// and F1 (`precision/<label>`, `recall/<label>`, `f1/<label>` in the manifest) as one table per
/// split and data set, classes in label order.
extension ModelCard {
    /// The per-class metric kinds, in column order.
    static let perClassKinds = ["precision", "recall", "f1"]

    /// The lines under `Metrics:`.
    var metricLines: [String] {
        let perClass = manifest.metrics.filter { Self.perClassParts($0.name) != nil }
        let overall = manifest.metrics.filter { Self.perClassParts($0.name) == nil }
        let width = max(14, overall.map(\.name.count).max() ?? 0)
        var lines = overall.map { "  \($0.name.rightPadded(width)) \(Self.number($0.value))  (\($0.split), \($0.dataset))" }
        var seen = Set<String>()
        for metric in perClass where seen.insert("\(metric.split)\u{0}\(metric.dataset)").inserted {
            lines += perClassTable(perClass.filter { $0.split == metric.split && $0.dataset == metric.dataset },
                                   title: "\(metric.split), \(metric.dataset)")
        }
        return lines
    }

    private func perClassTable(_ metrics: [Metric], title: String) -> [String] {
        var values: [String: [String: Double]] = [:]
        for metric in metrics {
            guard let (kind, label) = Self.perClassParts(metric.name) else { continue }
            values[label, default: [:]][kind] = metric.value
        }
        let labels = manifest.labels.filter { values[$0] != nil } + values.keys.filter { !manifest.labels.contains($0) }.sorted()
        let width = max(5, labels.map(\.count).max() ?? 0)
        var lines = ["  per class (\(title)):", "    " + "class".rightPadded(width) + "  precision  recall     F1"]
        for label in labels {
            let cells = zip(Self.perClassKinds, [9, 6, 6]).map { kind, cellWidth in
                values[label]?[kind].map { String(format: "%.3f", $0) }?.leftPadded(cellWidth) ?? "-".leftPadded(cellWidth)
            }
            lines.append("    " + label.rightPadded(width) + "  " + cells.joined(separator: "  "))
        }
        return lines
    }

    /// `("precision", "t-shirt")` for `precision/t-shirt`; nil for whole-set metrics.
    static func perClassParts(_ name: String) -> (kind: String, label: String)? {
        guard let slash = name.firstIndex(of: "/") else { return nil }
        let kind = String(name[..<slash]), label = String(name[name.index(after: slash)...])
        return perClassKinds.contains(kind) && !label.isEmpty ? (kind, label) : nil
    }
}
