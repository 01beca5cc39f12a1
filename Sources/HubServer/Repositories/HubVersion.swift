import Foundation
import Manifest

/// A model as the Hugging Face routes show it: one row of `models`.
struct HubModel: Sendable, Hashable {
    /// The `models.id`.
    let id: Int64
    /// `namespace/name` or the bare name of an official model.
    let name: String
    /// The namespace, nil for an official model.
    let namespace: String?
    /// When the model was first published (milliseconds since 1970).
    let created: Int64
    /// When a tag of it last moved.
    let updated: Int64
    /// Downloads of all its versions.
    let downloads: Int64
    /// The head version (`main`), nil when no tag points anywhere.
    let headVersionID: Int64?

    /// The columns `m.id, m.name, m.namespace, m.created, m.updated, m.downloads, m.head_version`
    /// starting at `column`.
    init(_ row: any DatabaseRow, from column: Int32 = 0) {
        id = row.int64(column)
        name = row.text(column + 1)
        namespace = row.optionalText(column + 2)
        created = row.int64(column + 3)
        updated = row.int64(column + 4)
        downloads = row.int64(column + 5)
        headVersionID = row.optionalInt64(column + 6)
    }

    /// The select list `init(_:from:)` reads, for a `models` table aliased `m`.
    static let columns = "m.id, m.name, m.namespace, m.created, m.updated, m.downloads, m.head_version"
}

/// One version of a model, resolved from an HF revision.
struct HubVersion: Sendable {
    /// Its model.
    let model: HubModel
    /// The `versions.id`.
    let id: Int64
    /// The manifest digest; its first 40 hex digits are the HF commit id.
    let digest: Digest
    /// The manifest bytes as published.
    let manifest: Data
    /// When it was published (milliseconds since 1970).
    let published: Int64
    /// Its task (HF's `pipeline_tag`), e.g. `image-classification`.
    let task: String

    /// The select list `init(model:row:from:)` reads, for a `versions` table aliased `v`.
    static let columns = "v.id, v.digest, v.manifest, v.published, v.task"

    /// The version of `model` in the columns `columns` starting at `column`.
    init(model: HubModel, row: any DatabaseRow, from column: Int32) throws {
        self.model = model
        id = row.int64(column)
        digest = try Digest(parsing: row.text(column + 1))
        manifest = row.data(column + 2)
        published = row.int64(column + 3)
        task = row.text(column + 4)
    }
}
