import Foundation
import HuggingFace
import Manifest

/// The columns of `versions` that a published manifest determines, extracted once at publish.
struct VersionRecord: Sendable {
    let digest: Digest
    let manifest: Data
    let weightBytes: Int64
    let parent: Reference?
    let relation: String?
    let strategy: String?
    let architecture: String
    let family: String
    let task: String
    let license: String
    let description: String
    let headline: Metric?
    let metrics: [Metric]
    let domainTags: [String]
    let blobs: [WeightGroup]
    let searchText: SearchText
    /// The tags HF clients filter on (`ModelTags`), stored in `version_hf_tags`.
    let huggingFaceTags: [String]
    /// The version's HF files, computed before the publish transaction when the blobs are stored
    /// (nil: computed on first HF access instead).
    var files: [StoredVersionFile]?

    /// The text columns of the FTS5 index for a model whose head is this version.
    struct SearchText: Sendable {
        let name: String
        let description: String
        let domain: String
        let task: String
        let labels: String
        let datasets: String
        let architecture: String
    }

    init(manifest parsed: ModelManifest, bytes: Data, digest: Digest) {
        self.digest = digest
        manifest = bytes
        weightBytes = parsed.totalWeightBytes
        parent = parsed.lineage?.parent
        relation = parsed.lineage?.relation
        strategy = parsed.lineage?.strategy
        architecture = parsed.architecture.variant
        family = parsed.architecture.family
        task = parsed.task
        license = parsed.license
        description = parsed.description
        headline = parsed.headlineMetric
        metrics = parsed.metrics
        domainTags = Array(Set(parsed.domain.tags)).sorted()
        blobs = parsed.weights
        huggingFaceTags = ModelTags.tags(of: parsed, timmCompatible: TimmConfig(manifest: parsed, digest: digest) != nil)
        searchText = SearchText(
            name: parsed.name.replacingOccurrences(of: "/", with: " "),
            description: parsed.description,
            domain: (parsed.domain.tags + [parsed.domain.description]).joined(separator: " "),
            task: parsed.task,
            labels: parsed.labels.joined(separator: " "),
            datasets: parsed.datasets.map(\.name).joined(separator: " "),
            architecture: "\(parsed.architecture.family) \(parsed.architecture.variant)")
    }
}

extension VersionRecord {
    /// The `versions` columns a publish writes, in `rowValues`' order.
    static let insertedColumns = """
        INSERT INTO versions (model_id, digest, manifest, published, weight_bytes, parent, relation, strategy,
            architecture, family, task, license, description,
            headline_name, headline_value, headline_split, headline_dataset)
        """

    /// This version's `versions` row for `insertedColumns`, under model `modelID`, published at `now`.
    func rowValues(modelID: Int64, now: Int64) -> [SQLValue] {
        [
            .integer(modelID), .text(digest.description), .blob(manifest), .integer(now),
            .integer(weightBytes), parent.map { .text($0.description) } ?? .null,
            relation.map { .text($0) } ?? .null, strategy.map { .text($0) } ?? .null,
            .text(architecture), .text(family), .text(task), .text(license), .text(description),
            headline.map { .text($0.name) } ?? .null, headline.map { .real($0.value) } ?? .null,
            headline.map { .text($0.split) } ?? .null, headline.map { .text($0.dataset) } ?? .null,
        ]
    }
}
