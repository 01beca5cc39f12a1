import ContentStore
import Engine
import Foundation

/// The result of `hub finetune` as printed (text or `--json`).
public struct FinetuneSummary: Encodable {
    /// `model`: the saved model's reference.
    public var model: String
    /// `digest`: its manifest digest.
    public var digest: String
    /// `parent`: the base it was derived from, pinned.
    public var parent: String?
    /// `strategy`: the strategy that ran.
    public var strategy: String
    /// `reason`: why `auto` chose it, when it did.
    public var reason: String?
    /// `frozen`: layer groups that kept the parent's blobs.
    public var frozen: [String]
    /// `bestEpoch`: the epoch whose weights were kept.
    public var bestEpoch: Int
    /// `epochs`: one record per epoch run.
    public var epochs: [EpochRecord]
    /// `validation`: the kept weights' validation metrics.
    public var validation: ClassificationMetrics?
    /// `featureCache`: how the frozen prefix's outputs were reused.
    public var featureCache: FeatureCacheStatistics?
    /// `newBytes`: bytes of new weight blobs.
    public var newBytes: Int64
    /// `totalBytes`: bytes of all the model's weights.
    public var totalBytes: Int64
    /// `report`: the report files written.
    public var report: [String]
    /// `skipped`: unreadable images left out.
    public var skipped: [String]
    /// `seconds`: wall time of the training.
    public var seconds: Double

    /// The summary of a finished run.
    public init(_ outcome: FinetuneOutcome) {
        model = outcome.model.reference.description
        digest = outcome.model.digest.description
        parent = outcome.model.manifest.lineage?.parent?.description
        strategy = outcome.strategy.name
        reason = outcome.reason
        frozen = outcome.model.manifest.frozen
        bestEpoch = outcome.result.bestEpoch
        epochs = outcome.result.epochs
        validation = outcome.result.validation
        featureCache = outcome.result.featureCache
        newBytes = outcome.newBytes
        totalBytes = outcome.model.manifest.totalWeightBytes
        report = outcome.reportFiles
        skipped = outcome.skipped
        seconds = outcome.result.seconds
    }

    /// The summary as printed without `--json`.
    public var text: String {
        var lines = ["Saved \(model) (\(digest)), a local model: publish it with `hub push \(model)`",
                     "  parent \(parent ?? "-"), strategy \(strategy), best epoch \(bestEpoch) of \(epochs.count)"]
        if let validation {
            var scores = "  validation: accuracy \(String(format: "%.1f%%", validation.accuracy * 100)), "
                + "macro-F1 \(String(format: "%.3f", validation.macroF1))"
            if let top5 = validation.top5Accuracy { scores += ", top-5 \(String(format: "%.1f%%", top5 * 100))" }
            lines.append(scores + " on \(validation.count) images (chance \(String(format: "%.1f%%", validation.chanceAccuracy * 100)))")
        }
        lines.append("  frozen groups (parent's blobs reused): \(frozen.isEmpty ? "none" : frozen.joined(separator: ", "))")
        lines.append("  new weights \(ByteFormat.short(newBytes)) of \(ByteFormat.short(totalBytes)); trained in \(String(format: "%.1f", seconds)) s")
        if !report.isEmpty { lines.append("  report: \(report.joined(separator: ", "))") }
        if !skipped.isEmpty { lines.append("  skipped \(skipped.count) unreadable image(s)") }
        return lines.joined(separator: "\n")
    }
}
