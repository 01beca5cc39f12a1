import Foundation
import Manifest

extension HuggingFaceRepository {
    /// A version shown as an HF commit.
    struct Commit: Sendable {
        let versionID: Int64
        let digest: Digest
        let published: Int64
        let description: String
        /// The tags pointing at it, by name.
        let tags: [String]
    }

    /// One page of the versions of `version`'s model published up to `version` (the history a
    /// revision has), newest first; keyset paging on `(published, id)` like `VersionPage`, so the page
    /// after `cursor` costs the same at any depth. Returns the page and the cursor of the next one.
    func commits(upTo version: HubVersion, limit: Int,
                 after cursor: VersionPage.Cursor?) async throws -> (commits: [Commit], next: VersionPage.Cursor?) {
        try await database.read { db in
            var sql = """
                SELECT v.id, v.digest, v.published, v.description FROM versions v
                WHERE v.model_id = ? AND (v.published < ? OR (v.published = ? AND v.id <= ?))
                """
            var values: [SQLValue] = [.integer(version.model.id), .integer(version.published),
                                      .integer(version.published), .integer(version.id)]
            if let cursor {
                sql += " AND (v.published < ? OR (v.published = ? AND v.id < ?))"
                values += [.integer(cursor.published), .integer(cursor.published), .integer(cursor.versionID)]
            }
            sql += " ORDER BY v.published DESC, v.id DESC LIMIT ?"
            values.append(.integer(Int64(limit) + 1))
            let rows = try db.query(sql, values) { row in
                (row.int64(0), try Digest(parsing: row.text(1)), row.int64(2), row.text(3))
            }
            let commits = try rows.prefix(limit).map { row in
                let tags = try db.query("SELECT tag FROM tags WHERE model_id = ? AND version_id = ? ORDER BY tag",
                                        [.integer(version.model.id), .integer(row.0)]) {
                    $0.text(0)
                }
                return Commit(versionID: row.0, digest: row.1, published: row.2, description: row.3, tags: tags)
            }
            let next = rows.count > limit ? commits.last.map {
                VersionPage.Cursor(modelID: version.model.id, published: $0.published, versionID: $0.versionID)
            } : nil
            return (commits, next)
        }
    }
}
