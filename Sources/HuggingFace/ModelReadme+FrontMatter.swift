import Manifest

extension ModelReadme {
    /// The HF `pipeline_tag` and model-index task name of hub's image classifiers.
    static let taskNames = ["image-classification": "Image Classification"]

    /// The YAML front matter, between `---` lines.
    var frontMatter: [String] {
        let timm = TimmConfig(manifest: manifest, digest: digest)
        var lines = ["---", "license: \(Self.yaml(Self.huggingFaceLicense(manifest.license)))",
                     "library_name: \(timm == nil ? "hub" : "timm")", "pipeline_tag: \(Self.yaml(manifest.task))"]
        if let parent = manifest.lineage?.parent {
            lines.append("base_model: \(Self.yaml(parent.repository))")
            if Self.isFinetune(manifest.lineage?.relation ?? "") { lines.append("base_model_relation: finetune") }
        }
        let datasets = Array(Set(manifest.datasets.map(\.name) + manifest.metrics.map(\.dataset))).sorted()
        if !datasets.isEmpty { lines += ["datasets:"] + datasets.map { "  - \(Self.yaml($0))" } }
        var tags = manifest.domain.tags + [manifest.architecture.variant]
        if timm != nil { tags.append("timm") }
        if manifest.task == "image-classification" { tags.append("image-classification") }
        lines += ["tags:"] + Self.unique(tags).map { "  - \(Self.yaml($0))" }
        let metrics = manifest.metrics.filter { PerClassMetrics.parts(ofMetricNamed: $0.name) == nil }
        if !metrics.isEmpty {
            lines += ["metrics:"] + Self.unique(metrics.map(\.name)).map { "  - \(Self.yaml($0))" }
            lines += modelIndex(metrics)
        }
        return lines + ["---"]
    }

    /// `model-index` in HF's schema: one result per (data set, split), each with its whole-set metrics.
    private func modelIndex(_ metrics: [Metric]) -> [String] {
        var lines = ["model-index:", "  - name: \(Self.yaml(manifest.name))", "    results:"]
        let keys = Self.unique(metrics.map { "\($0.dataset)\u{0}\($0.split)" })
        for key in keys {
            let group = metrics.filter { "\($0.dataset)\u{0}\($0.split)" == key }
            let first = group[0]
            lines += ["      - task:", "          type: \(Self.yaml(manifest.task))",
                      "          name: \(Self.yaml(Self.taskNames[manifest.task] ?? manifest.task))",
                      "        dataset:", "          name: \(Self.yaml(first.dataset))",
                      "          type: \(Self.yaml(first.dataset))", "          split: \(Self.yaml(first.split))",
                      "        metrics:"]
            for metric in group {
                lines += ["          - type: \(Self.yaml(metric.name))", "            value: \(Self.yamlNumber(metric.value))",
                          "            name: \(Self.yaml(metric.name))"]
            }
        }
        return lines
    }

    /// True for lineage relations that are a kind of fine-tuning (HF's `base_model_relation: finetune`).
    static func isFinetune(_ relation: String) -> Bool {
        ["finetune", "feature-extraction", "fine-tune", "fine-tuning"].contains(relation) || relation.hasPrefix("finetune")
    }

    /// HF's licence id for an SPDX identifier: lowercase (`Apache-2.0` -> `apache-2.0`); `NOASSERTION`
    /// or none -> `unknown`.
    static func huggingFaceLicense(_ spdx: String) -> String {
        let lowered = spdx.lowercased()
        return lowered.isEmpty || lowered == "noassertion" ? "unknown" : lowered
    }

    /// The first occurrence of each element, in order.
    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    /// A YAML scalar: plain when it can only be read as this string, else double-quoted.
    static func yaml(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "-_./@".contains($0) }
            && !(text.first?.isNumber ?? false) && !"-.@".contains(text.first!)
            && !["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(text.lowercased())
        guard !plain else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                quoted += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
            default: quoted.unicodeScalars.append(scalar)
            }
        }
        return quoted + "\""
    }

    /// A number YAML 1.1 readers (PyYAML) read as a float: Swift's shortest round-trip form with a `.`
    /// in the mantissa (`1e-05` -> `1.0e-05`).
    static func yamlNumber(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? ".nan" : (value < 0 ? "-.inf" : ".inf") }
        let text = "\(value)"
        guard let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<exponent].contains(".") else {
            return text
        }
        return text[..<exponent] + ".0" + text[exponent...]
    }
}
