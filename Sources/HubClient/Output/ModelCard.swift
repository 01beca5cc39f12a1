import ContentStore
import Foundation
import HuggingFace
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

    /// Label and value pairs: the README's facts (`ModelReadme.facts`), then the chain of ancestors.
    var facts: [(String, String)] {
        var facts = ModelReadme.facts(of: manifest)
        if manifest.lineage != nil, !ancestors.isEmpty {
            facts.append(("Chain", (ancestors + [manifest.name]).joined(separator: " -> ")))
        }
        return facts
    }
}
