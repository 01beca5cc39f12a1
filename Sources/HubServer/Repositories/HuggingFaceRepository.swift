import Foundation
import HuggingFace
import Manifest

/// The metadata the Hugging Face read routes need: models, revisions resolved to versions, tags as
/// refs, versions as commits.
struct HuggingFaceRepository: Sendable {
    let database: any DatabasePool

    /// What resolving a revision found.
    enum Lookup: Sendable {
        /// No such model.
        case noModel
        /// The model exists, not the revision.
        case noRevision(HubModel)
        /// The version the revision names.
        case found(HubVersion)
    }

    /// The model named `repository` (`ns/name` or `name`), or nil.
    func model(_ repository: String) async throws -> HubModel? {
        try await database.read { db in try Self.model(repository, in: db) }
    }

    static func model(_ repository: String, in db: any Database) throws -> HubModel? {
        try db.first("SELECT \(HubModel.columns) FROM models m WHERE m.name = ?", [.text(repository)]) { HubModel($0) }
    }

    /// The version `revision` names in `repository`: `main` is the head, a tag its version, a commit
    /// id the version whose digest starts with it, a digest that version.
    func version(_ repository: String, revision: Revision) async throws -> Lookup {
        try await database.read { db in
            guard let model = try Self.model(repository, in: db) else { return .noModel }
            let select = "SELECT \(HubVersion.columns) FROM versions v"
            let found: HubVersion?
            let row: (any DatabaseRow) throws -> HubVersion = { row in try HubVersion(model: model, row: row, from: 0) }
            switch revision {
            case .head:
                guard let head = model.headVersionID else { return .noRevision(model) }
                found = try db.first("\(select) WHERE v.id = ?", [.integer(head)], row)
            case let .tag(tag):
                found = try db.first("\(select) JOIN tags t ON t.version_id = v.id WHERE t.model_id = ? AND t.tag = ?",
                                     [.integer(model.id), .text(tag)], row)
            case let .commit(commit):
                // The digest column is unique (indexed): a range scan finds the prefix.
                found = try db.first("\(select) WHERE v.digest >= ? AND v.digest < ? AND v.model_id = ? LIMIT 1",
                                     [.text("sha256:\(commit)"), .text("sha256:\(commit)g"), .integer(model.id)], row)
            case let .digest(digest):
                found = try db.first("\(select) WHERE v.digest = ? AND v.model_id = ?",
                                     [.text(digest.description), .integer(model.id)], row)
            }
            return found.map(Lookup.found) ?? .noRevision(model)
        }
    }

    /// One tag of a model and the version it points at.
    struct Ref: Sendable {
        let tag: String
        let digest: Digest
    }

    /// The model's tags, by name, with the digests they point at.
    func refs(of model: HubModel) async throws -> [Ref] {
        try await database.read { db in
            try db.query("""
                SELECT t.tag, v.digest FROM tags t JOIN versions v ON v.id = t.version_id
                WHERE t.model_id = ? ORDER BY t.tag
                """, [.integer(model.id)]) { Ref(tag: $0.text(0), digest: try Digest(parsing: $0.text(1))) }
        }
    }

    /// The digest of the model's head version, nil when it has none.
    func headDigest(of model: HubModel) async throws -> Digest? {
        guard let head = model.headVersionID else { return nil }
        return try await database.read { db in
            try db.first("SELECT digest FROM versions WHERE id = ?", [.integer(head)]) { try Digest(parsing: $0.text(0)) }
        }
    }

    /// The HF tags stored for a version (`version_hf_tags`).
    func tags(ofVersion versionID: Int64) async throws -> [String] {
        try await database.read { db in
            try db.query("SELECT tag FROM version_hf_tags WHERE version_id = ? ORDER BY tag", [.integer(versionID)]) {
                $0.text(0)
            }
        }
    }
}
