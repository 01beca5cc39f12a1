import Manifest

/// The tags a version shows Hugging Face clients (`tags` in model info, matched exactly by
/// `GET /hf/api/models?filter=…`): HF's conventions (`timm`, `safetensors`, the pipeline tag,
/// `license:…`, `dataset:…`, `base_model:…`) and hub's own (`domain:…`, `arch:…`, `family:…`).
/// Stored at publish in `version_hf_tags`, so a listing filters with an index.
enum ModelTags {
    /// Longest tag stored; longer ones (from very long names) are left out rather than cut.
    static let maximumLength = 256

    /// The tags of `manifest`, sorted and without duplicates. `timm` when timm can load the version
    /// (it has a `config.json`).
    static func tags(of manifest: ModelManifest, timmCompatible: Bool) -> [String] {
        var tags: Set<String> = ["safetensors", manifest.task]
        if timmCompatible { tags.insert("timm") }
        tags.insert("license:\(manifest.license.lowercased())")
        for dataset in manifest.datasets { tags.insert("dataset:\(dataset.name)") }
        if let lineage = manifest.lineage, let parent = lineage.parent {
            tags.insert("base_model:\(parent.repository)")
            tags.insert("base_model:\(lineage.relation):\(parent.repository)")
        }
        for domain in manifest.domain.tags { tags.insert("domain:\(domain.lowercased())") }
        tags.insert("arch:\(manifest.architecture.variant.lowercased())")
        tags.insert("family:\(manifest.architecture.family.lowercased())")
        return tags.filter { !$0.isEmpty && $0.utf8.count <= maximumLength }.sorted()
    }
}
