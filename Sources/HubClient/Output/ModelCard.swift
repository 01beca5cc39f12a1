import ContentStore
import Foundation
import Manifest
import RegistryAPI

/// A manifest rendered for people: the text `hub info` prints. (The README.md that `hub pull --output`
/// writes is `HuggingFace.ModelReadme`, whose bytes must never change for a given manifest.)
package struct ModelCard {
    /// The manifest shown.
    package let manifest: ModelManifest
    /// Its digest.
    package let digest: Digest
    /// Registry facts (versions, tags, downloads), when known.
    package var summary: ModelSummary?
    /// Ancestors from the root down to the parent, as `name@digest`, when known.
    package var ancestors: [String] = []

    /// The card of `manifest`, stored under `digest`.
    package init(manifest: ModelManifest, digest: Digest) {
        self.manifest = manifest
        self.digest = digest
    }

    /// The plain-text card for a terminal.
    package var text: String {
        var lines = ["\(manifest.name)  (\(digest))"]
        let summaryLine = manifest.description.split(separator: "\n")
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "# ")) }.first { !$0.isEmpty } ?? ""
        if !summaryLine.isEmpty { lines.append("  \(summaryLine)") }
        lines.append("")
        lines += facts.map { "\($0.0.rightPadded(14)) \($0.1)" }
        lines.append("")
        lines.append("Weights (\(ByteFormat.short(manifest.weightBytesSaturating)) in \(manifest.weights.count) groups):")
        for group in manifest.weights {
            let frozen = manifest.frozen.contains(group.group) ? "  frozen" : ""
            lines.append("  \(group.group.rightPadded(14)) \(ByteFormat.short(group.size).leftPadded(9))  "
                + "\(String(group.parameters.count).leftPadded(4)) tensor\(group.parameters.count == 1 ? " " : "s")  \(group.digest.short)\(frozen)")
        }
        if !manifest.metrics.isEmpty {
            lines.append("")
            lines.append("Metrics:")
            lines += metricLines
        }
        if let summary {
            lines.append("")
            lines.append("Tags:     " + summary.tags.map { "\($0.tag) -> \(String($0.digest.suffix(64).prefix(12)))" }
                .joined(separator: ", "))
            lines.append("Versions: \(summary.versionCount), \(summary.downloads) download\(summary.downloads == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n")
    }

    /// Label and value pairs of the card.
    var facts: [(String, String)] {
        let input = manifest.input
        var facts: [(String, String)] = [
            ("Architecture", "\(manifest.architecture.variant) (\(manifest.architecture.family)), "
                + "\(manifest.architecture.numClasses) classes"),
            ("Task", manifest.task),
            ("Input", "\(input.shape.map(String.init).joined(separator: "x")) \(input.channelOrder)"),
            ("Preprocessing", Self.preprocessing(input.preprocessing)),
            ("Domain", manifest.domain.tags.joined(separator: ", ")
                + (manifest.domain.description.isEmpty ? "" : " (\(manifest.domain.description))")),
            ("Labels", Self.labels(manifest.labels)),
            ("Frozen", manifest.frozen.isEmpty ? "none" : manifest.frozen.joined(separator: ", ")),
            ("License", manifest.license),
            ("Author", manifest.author),
            ("Created", ISO8601DateFormatter().string(from: manifest.created)),
        ]
        if !manifest.datasets.isEmpty {
            facts.append(("Datasets", manifest.datasets.map { "\($0.name) (\($0.split), \($0.size))" }
                .joined(separator: ", ")))
        }
        if let lineage = manifest.lineage {
            let strategy = lineage.strategy == lineage.relation ? nil : lineage.strategy
            var text = lineage.relation + (strategy.map { ", strategy \($0)" } ?? "")
            if let parent = lineage.parent { text += " of \(parent)" }
            facts.append(("Lineage", text))
            if !ancestors.isEmpty { facts.append(("Chain", (ancestors + [manifest.name]).joined(separator: " -> "))) }
        }
        return facts
    }

    static func preprocessing(_ steps: Preprocessing) -> String {
        let normalization: String
        switch steps.normalization {
        case let .meanStd(mean, std):
            normalization = "mean [\(mean.map(number).joined(separator: ", "))] std [\(std.map(number).joined(separator: ", "))]"
        case let .scaleOffset(scale, offset):
            normalization = "pixel * \(number(scale)) \(offset < 0 ? "-" : "+") \(number(abs(offset)))"
        }
        return "resize short side \(steps.resizeShortSide) (\(steps.interpolation)), "
            + "center crop \(steps.centerCrop.map(String.init).joined(separator: "x")), \(normalization)"
    }

    static func labels(_ labels: [String]) -> String {
        let shown = labels.prefix(8).joined(separator: ", ")
        return labels.count > 8 ? "\(shown), … (\(labels.count) in all)" : shown
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.4g", value)
    }
}
