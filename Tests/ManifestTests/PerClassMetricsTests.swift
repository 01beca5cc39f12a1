import Manifest
import Testing

/// The one per-class table: what `hub eval`, `hub info` and the model card print, and the manifest's
/// `precision/<label>` metrics it reads and writes.
@Suite("per-class metrics table")
struct PerClassMetricsTests {
    let table = PerClassMetrics(rows: [
        .init(label: "t-shirt", precision: 0.5, recall: 0.25, f1: 1.0 / 3, support: 12),
        .init(label: "bag", precision: 1, recall: 0.9, f1: 0.947, support: 8),
    ])

    @Test("written as manifest metrics and read back, classes in label order, support dropped")
    func manifestRoundTrip() {
        let metrics = table.manifestMetrics(split: "validation", dataset: "fashion")
        #expect(metrics.map(\.name).prefix(3) == ["precision/t-shirt", "recall/t-shirt", "f1/t-shirt"])
        let read = PerClassMetrics(metrics: metrics + [Metric(name: "accuracy", value: 0.7, split: "validation", dataset: "fashion")],
                                   labels: ["bag", "t-shirt"])
        #expect(read.rows.map(\.label) == ["bag", "t-shirt"])
        #expect(read.rows[1] == .init(label: "t-shirt", precision: 0.5, recall: 0.25, f1: 1.0 / 3))
        #expect(PerClassMetrics.parts(ofMetricNamed: "recall/a/b")! == ("recall", "a/b"))
        #expect(PerClassMetrics.parts(ofMetricNamed: "macro-f1") == nil && PerClassMetrics.parts(ofMetricNamed: "f1/") == nil)
    }

    @Test("aligned text with support when every row has it, '-' for a missing score")
    func text() {
        #expect(table.textLines() == [
            "class    precision  recall     F1  support",
            "t-shirt      0.500   0.250  0.333       12",
            "bag          1.000   0.900  0.947        8",
        ])
        let partial = PerClassMetrics(rows: [.init(label: "cat", precision: 1, recall: nil, f1: nil)])
        #expect(partial.textLines(indent: "  ") == ["  class  precision  recall     F1", "  cat        1.000       -      -"])
    }

    @Test("Markdown for the model card")
    func markdown() {
        #expect(table.markdown == "| class | precision | recall | F1 | support |\n|---|---|---|---|---|\n"
            + "| t-shirt | 0.500 | 0.250 | 0.333 | 12 |\n| bag | 1.000 | 0.900 | 0.947 | 8 |\n")
    }
}
