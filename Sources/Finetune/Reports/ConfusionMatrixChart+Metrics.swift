import Charts
import Engine

extension ConfusionMatrixChart {
    /// The report's chart of measured metrics: the heading gives the examples and the accuracy, the
    /// caption the macro-F1, both as `ClassificationMetrics` computed them.
    init(metrics: ClassificationMetrics) {
        self.init(labels: metrics.labels, counts: metrics.confusion,
                  title: "Confusion matrix (\(metrics.count) examples, accuracy \(percent(metrics.accuracy)))",
                  caption: "shade: share of the true class's examples; macro-F1 \(fixed(metrics.macroF1, 3))")
    }
}
