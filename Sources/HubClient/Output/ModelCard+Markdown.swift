import Foundation
import Manifest

extension ModelCard {
    /// README.md: YAML front matter with the metadata keys model hubs use (`license`,
    /// `base_model`, `datasets`, `tags`, `metrics`), then the description and the facts.
    var markdown: String {
        var front = ["---", "license: \(yaml(manifest.license))", "library_name: hub",
                     "pipeline_tag: \(yaml(manifest.task))"]
        if let parent = manifest.lineage?.parent { front.append("base_model: \(yaml(parent.description))") }
        if !manifest.datasets.isEmpty {
            front.append("datasets:")
            front += Array(Set(manifest.datasets.map(\.name))).sorted().map { "  - \(yaml($0))" }
        }
        let tags = manifest.domain.tags + [manifest.architecture.variant]
        front.append("tags:")
        front += tags.map { "  - \(yaml($0))" }
        if !manifest.metrics.isEmpty {
            front.append("metrics:")
            for metric in manifest.metrics {
                front += ["  - name: \(yaml(metric.name))", "    value: \(metric.value)",
                          "    split: \(yaml(metric.split))", "    dataset: \(yaml(metric.dataset))"]
            }
        }
        front.append("---")
        var body = ["", "# \(manifest.name)", "", "Manifest digest: `\(digest)`", ""]
        if !manifest.description.isEmpty { body += [manifest.description, ""] }
        body += ["| | |", "|---|---|"] + facts.map { "| \($0.0) | \($0.1.replacingOccurrences(of: "|", with: "\\|")) |" }
        body += ["", "## Weights", "", "| group | size | tensors | digest | frozen |", "|---|---|---|---|---|"]
        for group in manifest.weights {
            body.append("| \(group.group) | \(group.size) | \(group.parameters.count) | `\(group.digest)` | "
                + "\(manifest.frozen.contains(group.group) ? "yes" : "no") |")
        }
        body += ["", "`model.safetensors` holds every layer group's tensors, byte for byte.", ""]
        return (front + body).joined(separator: "\n")
    }

    /// A YAML scalar: quoted when it could be read as something else.
    private func yaml(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./@".contains($0) } && !text.isEmpty
            && !(text.first?.isNumber ?? false)
        return plain ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
