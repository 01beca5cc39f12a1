import Charts
import Engine
import Foundation
import Manifest

/// Everything a fine-tune measured, written to the `--report` directory as `metrics.json`,
/// `curves.svg` (loss and accuracy per epoch) and `confusion.svg` (the best epoch's validation
/// confusion matrix).
public struct TrainingReport: Codable, Sendable {
    /// `model`: the derived model's reference, when it was saved.
    public var model: String?
    /// `base`: the parent as `name@digest`.
    public var base: String?
    /// `strategy`: the strategy that ran (`feature-extraction`, `top-k`, ...).
    public var strategy: String
    /// `reason`: why that strategy (what `auto` printed), if it was chosen automatically.
    public var reason: String?
    /// `hyperparameters`: learning rates, epochs, batch size, seed, ...
    public var hyperparameters: [String: JSONValue]
    /// `epochs`: one record per epoch run.
    public var epochs: [EpochRecord]
    /// `bestEpoch`: the epoch whose weights were kept.
    public var bestEpoch: Int
    /// `validation`: the kept weights' metrics on the validation set.
    public var validation: ClassificationMetrics?
    /// `featureCache`: how the frozen prefix's outputs were reused.
    public var featureCache: FeatureCacheStatistics?
    /// `seconds`: wall time of the whole training.
    public var seconds: Double

    /// A report.
    public init(model: String? = nil, base: String? = nil, strategy: String, reason: String? = nil,
                hyperparameters: [String: JSONValue] = [:], epochs: [EpochRecord], bestEpoch: Int,
                validation: ClassificationMetrics?, featureCache: FeatureCacheStatistics? = nil, seconds: Double) {
        self.model = model
        self.base = base
        self.strategy = strategy
        self.reason = reason
        self.hyperparameters = hyperparameters
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.validation = validation
        self.featureCache = featureCache
        self.seconds = seconds
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }

    /// Writes `metrics.json`, `curves.svg` and, with validation metrics, `confusion.svg` into
    /// `directory` (created if needed); returns the paths written.
    @discardableResult
    public func write(to directory: String) throws(DataSetError) -> [String] {
        let folder = URL(fileURLWithPath: directory)
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var files: [(String, Data)] = [("metrics.json", try jsonData()),
                                           ("curves.svg", Data(curvesSVG().utf8))]
            if let validation {
                files.append(("confusion.svg", Data(ConfusionMatrixChart(metrics: validation).svg().utf8)))
            }
            for (name, data) in files {
                let path = folder.appendingPathComponent(name).path
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
                written.append(path)
            }
        } catch {
            throw DataSetError(path: directory, "cannot write the report: \(error.localizedDescription)")
        }
        return written
    }

    /// The training curves: loss (train and validation) and accuracy per epoch, side by side.
    public func curvesSVG() -> String {
        func points(_ value: (EpochRecord) -> Double?) -> [LineChart.Point] {
            epochs.compactMap { record in value(record).map { LineChart.Point(x: Double(record.epoch), y: $0) } }
        }
        let loss = LineChart(
            title: "Loss", xLabel: "epoch", yLabel: "cross-entropy",
            series: [.init(name: "train", color: "#1f77b4", points: points { $0.trainLoss }),
                     .init(name: "validation", color: "#d62728", points: points { $0.validationLoss })],
            marker: Double(bestEpoch))
        let accuracy = LineChart(
            title: "Accuracy", xLabel: "epoch", yLabel: "accuracy",
            series: [.init(name: "train", color: "#1f77b4", points: points { $0.trainAccuracy }),
                     .init(name: "validation", color: "#d62728", points: points { $0.validationAccuracy })],
            marker: Double(bestEpoch), fixedRange: 0...1)
        return LineChart.sideBySide([loss, accuracy], caption: "\(strategy): best epoch \(bestEpoch) (dashed line)")
    }
}
