import Engine
import Foundation

/// The result of `hub finetune` as printed (text or `--json`).
package struct FinetuneSummary: Encodable {
    var model: String
    var digest: String
    var parent: String?
    var strategy: String
    var reason: String?
    var frozen: [String]
    var bestEpoch: Int
    var epochs: [EpochRecord]
    var validation: ClassificationMetrics?
    var featureCache: FeatureCacheStatistics?
    var newBytes: Int64
    var totalBytes: Int64
    var report: [String]
    var skipped: [String]
    var seconds: Double

    /// The summary of a finished run.
    package init(_ outcome: FinetuneOutcome) {
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

    /// The text printed without `--json`.
    package var text: String {
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
