import Foundation

/// Precision, recall, F1 and support of each class: the one per-class table that `hub eval`, `hub info`
/// and the model card print, and the manifest's per-class `metrics` (`precision/<label>`,
/// `recall/<label>`, `f1/<label>`), read or written here so the naming lives in one place.
public struct PerClassMetrics: Equatable, Sendable {
    /// One class's scores; a score the manifest does not hold is nil.
    public struct Row: Equatable, Sendable {
        /// The class name.
        public var label: String
        /// Right predictions of this class over all predictions of it.
        public var precision: Double?
        /// Examples of this class found over all examples of it.
        public var recall: Double?
        /// The harmonic mean of precision and recall.
        public var f1: Double?
        /// The number of examples of this class, when known (not kept in manifests).
        public var support: Int?

        /// A row.
        public init(label: String, precision: Double?, recall: Double?, f1: Double?, support: Int? = nil) {
            self.label = label
            self.precision = precision
            self.recall = recall
            self.f1 = f1
            self.support = support
        }
    }

    /// The rows, in label order.
    public var rows: [Row]

    /// A table of `rows`.
    public init(rows: [Row]) { self.rows = rows }

    /// The per-class metric kinds, in column order, as the manifest names them.
    public static let kinds = ["precision", "recall", "f1"]

    /// `("precision", "t-shirt")` for the metric name `precision/t-shirt`; nil for whole-set metrics.
    public static func parts(ofMetricNamed name: String) -> (kind: String, label: String)? {
        guard let slash = name.firstIndex(of: "/") else { return nil }
        let kind = String(name[..<slash]), label = String(name[name.index(after: slash)...])
        return kinds.contains(kind) && !label.isEmpty ? (kind, label) : nil
    }

    /// The rows that the per-class entries of `metrics` (one split and data set) hold: classes in
    /// `labels` order first, then classes the labels do not name, sorted.
    public init(metrics: [Metric], labels: [String]) {
        var values: [String: [String: Double]] = [:]
        for metric in metrics {
            guard let (kind, label) = Self.parts(ofMetricNamed: metric.name) else { continue }
            values[label, default: [:]][kind] = metric.value
        }
        let ordered = labels.filter { values[$0] != nil } + values.keys.filter { !labels.contains($0) }.sorted()
        rows = ordered.map { label in
            Row(label: label, precision: values[label]?["precision"], recall: values[label]?["recall"], f1: values[label]?["f1"])
        }
    }

    /// The manifest entries `precision/<label>`, `recall/<label>`, `f1/<label>` of every row.
    public func manifestMetrics(split: String, dataset: String) -> [Metric] {
        rows.flatMap { row in
            zip(Self.kinds, [row.precision, row.recall, row.f1]).compactMap { kind, value in
                value.map { Metric(name: "\(kind)/\(row.label)", value: $0, split: split, dataset: dataset) }
            }
        }
    }

    /// The table as aligned text, each line starting with `indent`: a header, then one line per class
    /// (`-` for a missing score); the support column appears when every row has one.
    public func textLines(indent: String = "") -> [String] {
        let width = max(5, rows.map(\.label.count).max() ?? 0)
        let support = !rows.isEmpty && rows.allSatisfy { $0.support != nil }
        var lines = [indent + Self.padded("class", width) + "  precision  recall     F1" + (support ? "  support" : "")]
        for row in rows {
            var line = indent + Self.padded(row.label, width) + "  " + Self.cell(row.precision, 9) + "  "
                + Self.cell(row.recall, 6) + "  " + Self.cell(row.f1, 5)
            if support, let count = row.support { line += "  " + Self.aligned(String(count), 7) }
            lines.append(line)
        }
        return lines
    }

    /// The table in Markdown (the model card's), scores with three decimals.
    public var markdown: String {
        var text = "| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n"
        for row in rows {
            let cells = [row.precision, row.recall, row.f1].map { $0.map { String(format: "%.3f", $0) } ?? "-" }
            text += "| \(row.label) | " + cells.joined(separator: " | ") + " | \(row.support.map(String.init) ?? "-") |\n"
        }
        return text
    }

    /// A score with three decimals right-aligned in `width` columns, or `-`.
    private static func cell(_ value: Double?, _ width: Int) -> String {
        aligned(value.map { String(format: "%.3f", $0) } ?? "-", width)
    }

    /// `text` right-aligned in `width` columns.
    private static func aligned(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// `text` left-aligned in `width` columns.
    private static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
