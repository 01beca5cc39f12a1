import Foundation
import Manifest

/// A version's `README.md`: Markdown with the model-card YAML front matter that Hugging Face's tools
/// read (`license`, `base_model`, `base_model_relation`, `datasets`, `tags`, `pipeline_tag`,
/// `library_name`, `metrics`, `model-index`), then the description and the facts of the manifest.
///
/// `hub pull --output` writes these bytes and the registry serves them as the version's README.md.
/// They are part of the HF contract: HF clients cache a file by commit and never ask again, so the same
/// manifest and digest must give the same bytes forever. Change nothing here that changes the output
/// for an existing manifest (no locale, no clock, no dictionary order; numbers in Swift's shortest
/// round-trip form), and keep this generator apart from `hub info`'s text, which may evolve.
public struct ModelReadme: Sendable {
    /// The manifest described.
    public let manifest: ModelManifest
    /// Its digest.
    public let digest: Digest

    /// The README of `manifest`, stored under `digest`.
    public init(manifest: ModelManifest, digest: Digest) {
        self.manifest = manifest
        self.digest = digest
    }

    /// The README's bytes (UTF-8).
    public var data: Data { Data(text.utf8) }

    /// The README's text: front matter, then the body.
    public var text: String {
        (frontMatter + body).joined(separator: "\n")
    }

    /// The body: title, digest, description, a table of facts and one of weight groups.
    private var body: [String] {
        var lines = ["", "# \(manifest.name)", "", "Manifest digest: `\(digest)`", ""]
        if !manifest.description.isEmpty { lines += [manifest.description, ""] }
        lines += ["| | |", "|---|---|"] + Self.facts(of: manifest).map { "| \($0.0) | \($0.1.replacingOccurrences(of: "|", with: "\\|")) |" }
        lines += ["", "## Weights", "", "| group | size | tensors | digest | frozen |", "|---|---|---|---|---|"]
        for group in manifest.weights {
            lines.append("| \(group.group) | \(group.size) | \(group.parameters.count) | `\(group.digest)` | "
                + "\(manifest.frozen.contains(group.group) ? "yes" : "no") |")
        }
        lines += ["", "`model.safetensors` holds every layer group's tensors, byte for byte.", ""]
        return lines
    }

    /// Label and value pairs of the facts table (also what `hub info` prints, with the chain of ancestors).
    /// Part of the README, so part of the contract: change it only with a new README layout.
    package static func facts(of manifest: ModelManifest) -> [(String, String)] {
        let input = manifest.input
        var facts: [(String, String)] = [
            ("Architecture", "\(manifest.architecture.variant) (\(manifest.architecture.family)), "
                + "\(manifest.architecture.numClasses) classes"),
            ("Task", manifest.task),
            ("Input", "\(input.shape.map(String.init).joined(separator: "x")) \(input.channelOrder)"),
            ("Preprocessing", preprocessing(input.preprocessing)),
            ("Domain", manifest.domain.tags.joined(separator: ", ")
                + (manifest.domain.description.isEmpty ? "" : " (\(manifest.domain.description))")),
            ("Labels", labels(manifest.labels)),
            ("Frozen", manifest.frozen.isEmpty ? "none" : manifest.frozen.joined(separator: ", ")),
            ("License", manifest.license),
            ("Author", manifest.author),
            ("Created", timestamp(manifest.created)),
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
        }
        return facts
    }

    private static func preprocessing(_ steps: Preprocessing) -> String {
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

    private static func labels(_ labels: [String]) -> String {
        let shown = labels.prefix(8).joined(separator: ", ")
        return labels.count > 8 ? "\(shown), … (\(labels.count) in all)" : shown
    }

    package static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(format: "%.4g", value)
    }

    /// `2026-12-03T10:00:00Z`: UTC, whole seconds, whatever the machine's time zone.
    private static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
