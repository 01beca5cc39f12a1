import Foundation
import Manifest

/// `GET /v1/models/{namespace}/{name}`: a model's versions, tags and downloads.
struct ModelSummary: Encodable, Sendable {
    struct Tag: Encodable, Sendable {
        let tag: String
        let digest: String
        let updated: String
    }

    struct Version: Encodable, Sendable {
        let digest: String
        let published: String
        let manifestSize: Int
        let weightBytes: Int64
        let tags: [String]
        @NullEncoded var parent: String?
        let downloads: Int64
    }

    let name: String
    @NullEncoded var namespace: String?
    let official: Bool
    let created: String
    let updated: String
    let downloads: Int64
    @NullEncoded var head: String?
    let tags: [Tag]
    let versions: [Version]

    /// Loads the summary of `repository`, or nil when there is no such model.
    static func load(_ repository: String, in db: Database) throws -> ModelSummary? {
        guard let model = try db.first("""
            SELECT m.id, m.namespace, m.created, m.updated, m.downloads, v.digest
            FROM models m LEFT JOIN versions v ON v.id = m.head_version WHERE m.name = ?
            """, [.text(repository)], { row in
                (row.int64(0), row.optionalText(1), row.int64(2), row.int64(3), row.int64(4), row.optionalText(5))
            }) else { return nil }
        let tags = try db.query("""
            SELECT t.tag, v.digest, t.updated FROM tags t JOIN versions v ON v.id = t.version_id
            WHERE t.model_id = ? ORDER BY t.tag
            """, [.integer(model.0)]) { Tag(tag: $0.text(0), digest: $0.text(1), updated: Clock.iso8601(milliseconds: $0.int64(2))) }
        let tagsByDigest = Dictionary(grouping: tags, by: \.digest).mapValues { $0.map(\.tag) }
        let versions = try db.query("""
            SELECT digest, published, length(manifest), weight_bytes, parent, downloads FROM versions
            WHERE model_id = ? ORDER BY published DESC, id DESC
            """, [.integer(model.0)]) { row in
                Version(digest: row.text(0), published: Clock.iso8601(milliseconds: row.int64(1)),
                        manifestSize: Int(row.int64(2)), weightBytes: row.int64(3),
                        tags: tagsByDigest[row.text(0)] ?? [], parent: row.optionalText(4), downloads: row.int64(5))
            }
        return ModelSummary(name: repository, namespace: model.1, official: model.1 == nil,
                            created: Clock.iso8601(milliseconds: model.2), updated: Clock.iso8601(milliseconds: model.3),
                            downloads: model.4, head: model.5, tags: tags, versions: versions)
    }
}
