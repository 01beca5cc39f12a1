import Foundation
import HuggingFace
import Manifest

/// What the write routes read of a model at an HF revision: the version it names and that version's
/// files as HF clients see them (their sizes, SHA-256 and git ids are what `preupload` compares with).
extension ModelRepository {
    /// The version `revision` names in `model` (`main`: the head), nil when the model or the revision
    /// does not exist (a commit then starts a new model or tag).
    func version(_ model: Reference, at revision: Revision) async throws -> StoredManifest? {
        let repository = model.repository
        return try await database.read { db in
            guard let modelID = try db.modelID(repository) else { return nil }
            let select = "SELECT v.id, v.digest, v.manifest FROM versions v"
            let row: (Statement) throws -> StoredManifest = { row in
                StoredManifest(versionID: row.int64(0), digest: try Digest(parsing: row.text(1)), bytes: row.data(2))
            }
            switch revision {
            case .head:
                return try db.first("\(select) JOIN models m ON m.head_version = v.id WHERE m.id = ?",
                                    [.integer(modelID)], row)
            case let .tag(tag):
                return try db.first("\(select) JOIN tags t ON t.version_id = v.id WHERE t.model_id = ? AND t.tag = ?",
                                    [.integer(modelID), .text(tag)], row)
            case let .commit(commit):
                return try db.first("\(select) WHERE v.model_id = ? AND v.digest >= ? AND v.digest < ? LIMIT 1",
                                    [.integer(modelID), .text("sha256:\(commit)"), .text("sha256:\(commit)g")], row)
            case let .digest(digest):
                return try db.first("\(select) WHERE v.model_id = ? AND v.digest = ?",
                                    [.integer(modelID), .text(digest.description)], row)
            }
        }
    }

}
