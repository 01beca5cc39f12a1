import Manifest

extension ModelPage {
    /// `metrics`: whole-set values, then one per-class table per split and data set.
    struct MetricsView: Sendable {
        let overall: [MetricRow]
        let perClass: [PerClassTable]
        let isEmpty: Bool

        init(_ metrics: [Metric], labels: [String]) {
            overall = metrics.filter { PerClassMetrics.parts(ofMetricNamed: $0.name) == nil }.map(MetricRow.init)
            var groups: [(split: String, dataset: String, metrics: [Metric])] = []
            for metric in metrics where PerClassMetrics.parts(ofMetricNamed: metric.name) != nil {
                if let index = groups.firstIndex(where: { $0.split == metric.split && $0.dataset == metric.dataset }) {
                    groups[index].metrics.append(metric)
                } else {
                    groups.append((metric.split, metric.dataset, [metric]))
                }
            }
            perClass = groups.map { PerClassTable(split: $0.split, dataset: $0.dataset,
                                                  table: PerClassMetrics(metrics: $0.metrics, labels: labels)) }
            isEmpty = metrics.isEmpty
        }
    }

    /// One whole-set metric.
    struct MetricRow: Sendable {
        let name: String
        let value: String
        let split: String
        let dataset: String

        init(_ metric: Metric) {
            name = metric.name
            value = DisplayNumber.metric(metric.value)
            split = metric.split
            dataset = metric.dataset
        }
    }

    /// Precision, recall and F1 of each class on one split of one data set.
    struct PerClassTable: Sendable {
        let split: String
        let dataset: String
        let rows: [Row]

        /// One class.
        struct Row: Sendable {
            let label: String
            let precision: String
            let recall: String
            let f1: String
        }

        init(split: String, dataset: String, table: PerClassMetrics) {
            self.split = split
            self.dataset = dataset
            let cell = { (value: Double?) in value.map(DisplayNumber.metric) ?? "–" }
            rows = table.rows.map { Row(label: $0.label, precision: cell($0.precision), recall: cell($0.recall), f1: cell($0.f1)) }
        }
    }
}
