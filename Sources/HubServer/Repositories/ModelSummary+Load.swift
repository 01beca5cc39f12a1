import Foundation
import Manifest
import RegistryAPI

/// Loading `GET /v1/models/{namespace}/{name}` from the database.
extension ModelSummary {
    /// Loads the summary of `repository` with one page of its versions, or nil when there is no such model.
    /// A cursor of another model is `ModelRepositoryError.cursorOfAnotherModel` (`QUERY_INVALID`).
    static func load(_ repository: String, page: VersionPage = VersionPage(), in db: any Database) throws -> ModelSummary? {
        guard let model = try db.first("""
            SELECT m.id, m.namespace, m.created, m.updated, m.downloads, v.digest
            FROM models m LEFT JOIN versions v ON v.id = m.head_version WHERE m.name = ?
            """, [.text(repository)], { row in
                (row.int64(0), row.optionalText(1), row.int64(2), row.int64(3), row.int64(4), row.optionalText(5))
            }) else { return nil }
        if let after = page.after, after.modelID != model.0 {
            throw ModelRepositoryError.cursorOfAnotherModel(repository: repository)
        }
        let tags = try db.query("""
            SELECT t.tag, v.digest, t.updated FROM tags t JOIN versions v ON v.id = t.version_id
            WHERE t.model_id = ? ORDER BY t.tag
            """, [.integer(model.0)]) { Tag(tag: $0.text(0), digest: $0.text(1), updated: Clock.iso8601(milliseconds: $0.int64(2))) }
        let tagsByDigest = Dictionary(grouping: tags, by: \.digest).mapValues { $0.map(\.tag) }
        let count = try db.first("SELECT COUNT(*) FROM versions WHERE model_id = ?", [.integer(model.0)]) { Int($0.int64(0)) } ?? 0
        let rows = try versionRows(modelID: model.0, page: page, in: db)
        let versions = rows.prefix(page.limit).map { row in
            Version(digest: row.digest, published: Clock.iso8601(milliseconds: row.published), manifestSize: Int64(row.manifestSize),
                    weightBytes: row.weightBytes, tags: tagsByDigest[row.digest] ?? [], parent: row.parent,
                    downloads: row.downloads)
        }
        let last = rows.count > page.limit ? rows[page.limit - 1] : nil
        return ModelSummary(name: repository, namespace: model.1, official: model.1 == nil,
                            created: Clock.iso8601(milliseconds: model.2), updated: Clock.iso8601(milliseconds: model.3),
                            downloads: model.4, head: model.5, tags: tags, versionCount: count, versions: Array(versions),
                            nextCursor: last.map {
                                VersionPage.Cursor(modelID: model.0, published: $0.published, versionID: $0.id).text
                            })
    }

    private struct Row {
        let id: Int64, digest: String, published: Int64, manifestSize: Int, weightBytes: Int64
        let parent: String?, downloads: Int64
    }

    /// The page's versions, newest first, plus one more if there is a next page.
    private static func versionRows(modelID: Int64, page: VersionPage, in db: any Database) throws -> [Row] {
        var sql = "SELECT id, digest, published, length(manifest), weight_bytes, parent, downloads FROM versions WHERE model_id = ?"
        var values: [SQLValue] = [.integer(modelID)]
        if let after = page.after {
            sql += " AND (published < ? OR (published = ? AND id < ?))"
            values += [.integer(after.published), .integer(after.published), .integer(after.versionID)]
        }
        sql += " ORDER BY published DESC, id DESC LIMIT ?"
        values.append(.integer(Int64(page.limit) + 1))
        return try db.query(sql, values) { row in
            Row(id: row.int64(0), digest: row.text(1), published: row.int64(2), manifestSize: Int(row.int64(3)),
                weightBytes: row.int64(4), parent: row.optionalText(5), downloads: row.int64(6))
        }
    }
}
