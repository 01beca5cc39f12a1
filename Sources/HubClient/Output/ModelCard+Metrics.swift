import Foundation
import HuggingFace
import Manifest

/// The metrics of `hub info`: whole-set scores one per line, then per-class precision, recall
/// and F1 (`precision/<label>`, `recall/<label>`, `f1/<label>` in the manifest) as one table per
/// split and data set, classes in label order.
extension ModelCard {
    /// The lines under `Metrics:`.
    var metricLines: [String] {
        let perClass = manifest.metrics.filter { Self.perClassParts($0.name) != nil }
        let overall = manifest.metrics.filter { Self.perClassParts($0.name) == nil }
        let width = max(14, overall.map(\.name.count).max() ?? 0)
        var lines = overall.map { "  \($0.name.rightPadded(width)) \(ModelReadme.number($0.value))  (\($0.split), \($0.dataset))" }
        var seen = Set<String>()
        for metric in perClass where seen.insert("\(metric.split)\u{0}\(metric.dataset)").inserted {
            lines += perClassTable(perClass.filter { $0.split == metric.split && $0.dataset == metric.dataset },
                                   title: "\(metric.split), \(metric.dataset)")
        }
        return lines
    }

    private func perClassTable(_ metrics: [Metric], title: String) -> [String] {
        ["  per class (\(title)):"] + PerClassMetrics(metrics: metrics, labels: manifest.labels).textLines(indent: "    ")
    }

    /// `("precision", "t-shirt")` for `precision/t-shirt`; nil for whole-set metrics.
    static func perClassParts(_ name: String) -> (kind: String, label: String)? {
        PerClassMetrics.parts(ofMetricNamed: name)
    }
}
