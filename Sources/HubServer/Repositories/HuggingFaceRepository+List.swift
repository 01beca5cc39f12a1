import Foundation
import Manifest

extension HuggingFaceRepository {
    /// One model of a listing, with its head version.
    struct Listed: Sendable {
        let version: HubVersion
        let tags: [String]
    }

    /// A filter tag held by fewer versions than this (or by at most a quarter of the models) drives the
    /// query from `version_hf_tags_tag`, then the matches are sorted; a commoner one is checked while
    /// walking the models in order.
    static let selectiveTagCount = 5_000

    /// One page of the models whose head version matches `query`, in its order; and the cursor of the
    /// next page when there is one. Keyset paging on (sort column, name) over the `models_*` indexes.
    func list(_ query: ListModelsQuery) async throws -> (models: [Listed], next: ListModelsCursor?) {
        try await database.read { db in try Self.list(query, in: db) }
    }

    /// The page in `db`; `selectiveTagCount` chooses the plan (both give the same pages).
    static func list(_ query: ListModelsQuery, selectiveTagCount: Int = selectiveTagCount,
                     in db: any Database) throws -> (models: [Listed], next: ListModelsCursor?) {
        let column = switch query.sort {
        case .downloads: "m.downloads"
        case .createdAt: "m.created"
        case .lastModified: "m.updated"
        }
        var from = "models m JOIN versions v ON v.id = m.head_version"
        var conditions: [String] = []
        var values: [SQLValue] = []
        var filters = query.filters
        if let rarest = try rarestTag(filters, in: db), try isSelective(rarest.count, threshold: selectiveTagCount, in: db) {
            // Few versions carry this tag: start from them (CROSS JOIN fixes the order) and sort the matches.
            from = "version_hf_tags r CROSS JOIN versions v CROSS JOIN models m"
            conditions += ["r.tag = ?", "v.id = r.version_id", "m.head_version = v.id"]
            values.append(.text(rarest.tag))
            filters.removeAll { $0 == rarest.tag }
        }
        if let search = query.search {
            // SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE does.
            conditions.append(db.dialect == .postgres ? "m.name ILIKE ? ESCAPE '\\'" : "m.name LIKE ? ESCAPE '\\'")
            values.append(.text("%\(likePattern(search))%"))
        }
        if let author = query.author {
            conditions.append(author == "_" ? "m.namespace IS NULL" : "m.namespace = ?")
            if author != "_" { values.append(.text(author)) }
        }
        for filter in filters {
            conditions.append("EXISTS (SELECT 1 FROM version_hf_tags t WHERE t.version_id = v.id AND t.tag = ?)")
            values.append(.text(filter))
        }
        if let after = query.after {
            conditions.append("(\(column) < ? OR (\(column) = ? AND m.name > ?))")
            values += [.integer(after.value), .integer(after.value), .text(after.name)]
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try db.query("""
            SELECT \(HubModel.columns), \(HubVersion.columns) FROM \(from) \(filter)
            ORDER BY \(column) DESC, m.name LIMIT ?
            """, values + [.integer(Int64(query.pageSize) + 1)]) { row in
            try HubVersion(model: HubModel(row), row: row, from: 7)
        }
        let page = Array(rows.prefix(query.pageSize))
        let tags = try tagsByVersion(page.map(\.id), in: db)
        let next = rows.count > query.pageSize ? page.last.map { version -> ListModelsCursor in
            let value = switch query.sort {
            case .downloads: version.model.downloads
            case .createdAt: version.model.created
            case .lastModified: version.model.updated
            }
            return ListModelsCursor(value: value, name: version.model.name)
        } : nil
        return (page.map { Listed(version: $0, tags: tags[$0.id] ?? []) }, next)
    }

    /// Whether a tag `count` versions carry is worth starting from: under `threshold`, or at most a quarter
    /// of the models (walking the models in order would then test four models per match, or every model
    /// when the other filters match none).
    private static func isSelective(_ count: Int, threshold: Int, in db: any Database) throws -> Bool {
        guard count >= threshold else { return true }
        guard threshold > 0 else { return false }
        let models = try db.first("SELECT COUNT(*) FROM models") { Int($0.int64(0)) } ?? 0
        return count <= models / 4
    }

    /// The filter tag the fewest versions carry, with that count (read from the tag index).
    private static func rarestTag(_ tags: [String], in db: any Database) throws -> (tag: String, count: Int)? {
        var rarest: (tag: String, count: Int)?
        for tag in Set(tags) {
            let count = try db.first("SELECT COUNT(*) FROM version_hf_tags WHERE tag = ?", [.text(tag)]) { Int($0.int64(0)) } ?? 0
            if rarest == nil || count < rarest!.count { rarest = (tag, count) }
        }
        return rarest
    }

    /// The tags of each version, in one query.
    private static func tagsByVersion(_ versionIDs: [Int64], in db: any Database) throws -> [Int64: [String]] {
        guard !versionIDs.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: versionIDs.count).joined(separator: ",")
        let rows = try db.query("SELECT version_id, tag FROM version_hf_tags WHERE version_id IN (\(marks)) ORDER BY tag",
                                versionIDs.map { .integer($0) }) { ($0.int64(0), $0.text(1)) }
        return Dictionary(grouping: rows, by: \.0).mapValues { $0.map(\.1) }
    }

    /// `text` with LIKE's wildcards escaped.
    private static func likePattern(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}
