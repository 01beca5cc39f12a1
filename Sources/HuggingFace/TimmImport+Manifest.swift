import Foundation
import Manifest

extension TimmImport {
    /// The tags HF tools add that say nothing about the data's domain.
    static let nonDomainTags: Set<String> = ["timm", "image-classification", "transformers", "pytorch", "safetensors",
                                             "model_hub_mixin", "pytorch_model_hub_mixin", "vision"]

    /// SPDX's spelling of HF's lowercase licence ids hub sees most (others are kept as HF writes them).
    static let spdxLicenses = ["apache-2.0": "Apache-2.0", "mit": "MIT", "bsd-3-clause": "BSD-3-Clause",
                               "bsd-2-clause": "BSD-2-Clause", "cc-by-4.0": "CC-BY-4.0", "cc-by-sa-4.0": "CC-BY-SA-4.0",
                               "cc-by-nc-4.0": "CC-BY-NC-4.0", "cc0-1.0": "CC0-1.0", "gpl-3.0": "GPL-3.0",
                               "lgpl-3.0": "LGPL-3.0", "mpl-2.0": "MPL-2.0", "unknown": "NOASSERTION", "other": "NOASSERTION"]

    /// The manifest of the import over `weights`, checked by hub's validator.
    func manifest(weights: [WeightGroup]) throws(HuggingFaceError) -> ModelManifest {
        let parentManifest = parent?.manifest
        let frozen = weights.filter { group in
            parentManifest?.weights.contains { $0.group == group.group && $0.digest == group.digest } ?? false
        }.map(\.group)
        let manifest = ModelManifest(
            name: name, description: description, license: license, author: author, created: created,
            architecture: architecture, input: input, task: "image-classification", labels: Self.distinct(config.labelNames),
            domain: Domain(tags: domainTags), datasets: frontMatter.datasets.prefix(32).map {
                DatasetInfo(name: $0, split: "train", size: 0, classCounts: [:], fingerprint: nil)
            },
            weights: weights, frozen: frozen,
            lineage: parent.map { Lineage(parent: Self.reference(of: $0), relation: "finetune") }
                ?? Lineage(parent: nil, relation: "import"),
            metrics: [])
        let issues = manifest.validationIssues()
        guard issues.isEmpty else {
            throw HuggingFaceError(.unsupported, "the uploaded model does not make a valid hub manifest: "
                + issues.prefix(5).map(\.description).joined(separator: "; "))
        }
        return manifest
    }

    /// hub's architecture: a known one by hub's names, any other as family `timm` with timm's name.
    var architecture: Architecture {
        if let known = knownArchitecture {
            return Architecture(family: known.family, variant: known.variant, numClasses: config.numClasses)
        }
        let variant = String(config.architecture.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        var options: [String: JSONValue] = ["timm": .string(config.architecture)]
        options["first_conv"] = config.firstConv.map(JSONValue.string)
        options["classifier"] = config.classifier.map(JSONValue.string)
        return Architecture(family: TimmArchitecture.importedFamily, variant: variant, numClasses: config.numClasses, config: options)
    }

    /// The parent's input when config.json describes the same preprocessing (keeping its exact form,
    /// e.g. `scaleOffset`), else the config's.
    var input: InputSpec {
        if let parent, let served = TimmConfig(manifest: parent.manifest, digest: parent.digest),
           served.inputSize == config.inputSize, served.interpolation == config.interpolation,
           served.cropPercentage == config.cropPercentage, served.mean == config.mean, served.std == config.std {
            return parent.manifest.input
        }
        return config.input
    }

    /// The card's licence (else config.json's, else the parent's) in SPDX's spelling.
    var license: String {
        guard let id = frontMatter.license ?? config.license else { return parent?.manifest.license ?? "NOASSERTION" }
        return Self.spdxLicenses[id.lowercased()] ?? String(id.prefix(64))
    }

    /// The card's tags that name a domain (`domain:x` or a plain lowercase tag), else the parent's.
    var domainTags: [String] {
        var tags: [String] = []
        for tag in frontMatter.tags {
            let bare = tag.hasPrefix("domain:") ? String(tag.dropFirst(7)) : tag
            guard !bare.contains(":"), !Self.nonDomainTags.contains(bare), bare != config.architecture,
                  bare != knownArchitecture?.variant, !bare.isEmpty,
                  bare.utf8.allSatisfy({ (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }),
                  !tags.contains(bare) else { continue }
            tags.append(bare)
        }
        return tags.isEmpty ? (parent?.manifest.domain.tags ?? []) : Array(tags.prefix(32))
    }

    /// The README's body, or a line saying where the model came from.
    var description: String {
        readmeBody.isEmpty ? "Imported from a timm model (\(config.architecture)) uploaded through the Hugging Face API."
            : readmeBody
    }

    /// Labels made distinct (hub requires it; ImageNet has two "crane"s): a repeat gets ` (2)`, ` (3)`, ...
    static func distinct(_ labels: [String]) -> [String] {
        var seen: [String: Int] = [:]
        return labels.map { label in
            let count = seen[label, default: 0] + 1
            seen[label] = count
            return count == 1 ? label : "\(label) (\(count))"
        }
    }

    /// `name@sha256:<digest>` of the parent version.
    static func reference(of parent: Parent) -> Reference? {
        (try? Reference(parsing: parent.manifest.name))?.with(.digest(parent.digest))
    }
}
