import Charts
import Manifest

extension ModelPage {
    /// The confusion matrix and training curves as SVG (drawn by the Charts module, which escapes every
    /// string), when the manifest carries `confusionMatrix` and `lineage.epochs`.
    struct ChartsView: Sendable {
        /// More classes than this are cut from the drawn matrix (the caption says so).
        static let maximumClasses = 40
        let confusionMatrix: String?
        /// `validation, fashion-mnist`: where the matrix was measured.
        let confusionMatrixSource: String?
        let trainingCurves: String?
        let isEmpty: Bool

        init(_ manifest: ModelManifest) {
            if let matrix = manifest.confusionMatrix {
                confusionMatrix = ConfusionMatrixChart(labels: matrix.labels, counts: matrix.counts,
                                                       maximumClasses: Self.maximumClasses).svg()
                confusionMatrixSource = "\(matrix.split), \(matrix.dataset)"
            } else {
                confusionMatrix = nil
                confusionMatrixSource = nil
            }
            trainingCurves = manifest.lineage.flatMap(Self.curves)
            isEmpty = confusionMatrix == nil && trainingCurves == nil
        }

        /// Loss and accuracy per epoch side by side, the best epoch (`hyperparameters.bestEpoch`) dashed.
        static func curves(_ lineage: Lineage) -> String? {
            guard let epochs = lineage.epochs, !epochs.isEmpty else { return nil }
            func points(_ value: (EpochMetrics) -> Double?) -> [LineChart.Point] {
                epochs.compactMap { epoch in value(epoch).map { LineChart.Point(x: Double(epoch.epoch), y: $0) } }
            }
            let best = lineage.hyperparameters["bestEpoch"]?.numberValue
            let loss = LineChart(
                title: "Loss", xLabel: "epoch", yLabel: "cross-entropy",
                series: [.init(name: "train", color: "#1f77b4", points: points { $0.trainLoss }),
                         .init(name: "validation", color: "#d62728", points: points { $0.validationLoss })],
                marker: best)
            let accuracy = LineChart(
                title: "Accuracy", xLabel: "epoch", yLabel: "accuracy",
                series: [.init(name: "train", color: "#1f77b4", points: points { $0.trainAccuracy }),
                         .init(name: "validation", color: "#d62728", points: points { $0.validationAccuracy })],
                marker: best, fixedRange: 0...1)
            let caption = best.map { "best epoch \(Int($0)) (dashed line)" } ?? "\(epochs.count) epochs"
            return LineChart.sideBySide([loss, accuracy], caption: caption)
        }
    }
}
