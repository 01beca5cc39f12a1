import Foundation
import Manifest

extension HuggingFaceRepository {
    /// One model of a listing, with its head version.
    struct Listed: Sendable {
        let version: HubVersion
        let tags: [String]
    }

    /// One page of the models whose head version matches `query`, in its order; and the cursor of the
    /// next page when there is one. Keyset paging on (sort column, name) over the `models_*` indexes.
    func list(_ query: ListModelsQuery) async throws -> (models: [Listed], next: ListModelsCursor?) {
        try await database.read { db in try Self.list(query, in: db) }
    }

    static func list(_ query: ListModelsQuery, in db: Database) throws -> (models: [Listed], next: ListModelsCursor?) {
        let column = switch query.sort {
        case .downloads: "m.downloads"
        case .createdAt: "m.created"
        case .lastModified: "m.updated"
        }
        var conditions: [String] = []
        var values: [SQLValue] = []
        if let search = query.search {
            conditions.append("m.name LIKE ? ESCAPE '\\'")
            values.append(.text("%\(likePattern(search))%"))
        }
        if let author = query.author {
            if author == "_" {
                conditions.append("m.namespace IS NULL")
            } else {
                conditions.append("m.namespace = ?")
                values.append(.text(author))
            }
        }
        for filter in query.filters {
            conditions.append("EXISTS (SELECT 1 FROM version_hf_tags t WHERE t.version_id = v.id AND t.tag = ?)")
            values.append(.text(filter))
        }
        if let after = query.after {
            conditions.append("(\(column) < ? OR (\(column) = ? AND m.name > ?))")
            values += [.integer(after.value), .integer(after.value), .text(after.name)]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try db.query("""
            SELECT \(HubModel.columns), v.id, v.digest, v.manifest, v.published
            FROM models m JOIN versions v ON v.id = m.head_version \(filter)
            ORDER BY \(column) DESC, m.name LIMIT ?
            """, values + [.integer(Int64(query.pageSize) + 1)]) { row in
            HubVersion(model: HubModel(row), id: row.int64(7), digest: try Digest(parsing: row.text(8)),
                       manifest: row.data(9), published: row.int64(10))
        }
        let page = try rows.prefix(query.pageSize).map { version in
            Listed(version: version, tags: try db.query(
                "SELECT tag FROM version_hf_tags WHERE version_id = ? ORDER BY tag", [.integer(version.id)]) { $0.text(0) })
        }
        let next = rows.count > query.pageSize ? page.last.map { listed -> ListModelsCursor in
            let model = listed.version.model
            let value = switch query.sort {
            case .downloads: model.downloads
            case .createdAt: model.created
            case .lastModified: model.updated
            }
            return ListModelsCursor(value: value, name: model.name)
        } : nil
        return (page, next)
    }

    /// `text` with LIKE's wildcards escaped.
    private static func likePattern(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
