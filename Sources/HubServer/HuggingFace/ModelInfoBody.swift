import Foundation
import HuggingFace
import Manifest

/// A model as `model_info` / `list_models` read it (huggingface_hub's `ModelInfo`): identity, the
/// commit (`sha`), dates, counters, tags, and on request the files (`siblings`) and the model card's
/// facts (`cardData`). Keys left nil are left out; nothing about Xet is ever sent.
struct ModelInfoBody: Encodable, Sendable {
    /// Most `expand` values read (HF defines about 30 properties).
    static let maximumExpand = 40

    let id: String
    let author: String?
    let sha: String
    let lastModified: String
    let createdAt: String
    let `private`: Bool
    let gated: Bool
    let disabled: Bool
    let downloads: Int64
    let likes: Int
    let library_name: String
    let pipeline_tag: String
    let tags: [String]
    var siblings: [Sibling]?
    var cardData: CardData?

    /// One file (`siblings[]`): `rfilename`, `size`, `blobId` (the git oid) and, for an LFS file, `lfs`.
    struct Sibling: Encodable, Sendable {
        let rfilename: String
        let size: Int64
        let blobId: String
        let lfs: LFS?

        /// `lfs` of a sibling: the keys are `size`, `sha256`, `pointerSize` (the tree uses `oid`).
        struct LFS: Encodable, Sendable {
            let size: Int64
            let sha256: String
            let pointerSize: Int64
        }

        init(_ file: StoredVersionFile) {
            rfilename = file.path
            size = file.size
            blobId = file.oid
            lfs = file.isLFS ? LFS(size: file.size, sha256: file.sha256, pointerSize: file.pointerSize ?? 0) : nil
        }
    }

    /// The README front matter's facts (`cardData`), from the same manifest.
    struct CardData: Encodable, Sendable {
        let license: String
        let library_name: String
        let pipeline_tag: String
        let base_model: String?
        let base_model_relation: String?
        let datasets: [String]?
        let tags: [String]
        let metrics: [String]?
    }

    /// The body of `version`, with `tags` from `version_hf_tags`, `files` as siblings when given, and the
    /// card data of `manifest` when given.
    init(version: HubVersion, tags: [String], isPrivate: Bool, files: [StoredVersionFile]?, manifest: ModelManifest?) {
        let model = version.model
        id = model.name
        author = model.namespace
        sha = version.digest.commitID
        lastModified = Clock.iso8601(milliseconds: version.published)
        createdAt = Clock.iso8601(milliseconds: model.created)
        `private` = isPrivate
        gated = false
        disabled = false
        downloads = model.downloads
        likes = 0
        let timm = tags.contains("timm")
        library_name = timm ? "timm" : "hub"
        pipeline_tag = version.task
        self.tags = tags
        siblings = files.map { $0.map(Sibling.init) }
        cardData = manifest.map { Self.cardData($0, libraryName: library_name) }
    }

    private static func cardData(_ manifest: ModelManifest, libraryName: String) -> CardData {
        let license = manifest.license.lowercased()
        let relation = manifest.lineage?.relation ?? ""
        let datasets = Array(Set(manifest.datasets.map(\.name) + manifest.metrics.map(\.dataset))).sorted()
        let metrics = manifest.metrics.map(\.name).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var tags = manifest.domain.tags + [manifest.architecture.variant]
        if libraryName == "timm" { tags.append("timm") }
        if manifest.task == "image-classification" { tags.append("image-classification") }
        return CardData(
            license: license.isEmpty || license == "noassertion" ? "unknown" : license,
            library_name: libraryName, pipeline_tag: manifest.task,
            base_model: manifest.lineage?.parent?.repository,
            base_model_relation: manifest.lineage?.parent != nil && isFinetune(relation) ? "finetune" : nil,
            datasets: datasets.isEmpty ? nil : datasets,
            tags: tags.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } },
            metrics: metrics.isEmpty ? nil : metrics)
    }

    /// The lineage relations the README calls `base_model_relation: finetune`.
    private static func isFinetune(_ relation: String) -> Bool {
        ["finetune", "feature-extraction", "fine-tune", "fine-tuning"].contains(relation) || relation.hasPrefix("finetune")
    }

    /// The JSON object, keeping only `id` and the `expand`ed properties when some are named.
    func jsonObject(expand: [String]) throws -> Any {
        let data = try JSONEncoder().encode(self)
        guard !expand.isEmpty, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return try JSONSerialization.jsonObject(with: data)
        }
        let kept = Set(expand).union(["id"])
        return object.filter { kept.contains($0.key) }
    }
}
