import Foundation
import RegistryAPI

extension SearchRepository {
    /// The page of a query with more matches than `totalBound`: walks the order's index from the cursor,
    /// checking every condition on each row, until the page is full. Matches are dense (more than
    /// `totalBound` of them), so a page walks about `limit × models / matches` rows. The text is checked
    /// against the set of its FTS matches, read once (an FTS5 lookup per row would re-run the match).
    static func walkedPage(_ query: SearchQuery, _ conditions: SearchConditions, order: SearchOrder, total: Int,
                           lowerBound: Bool, in db: any Database) throws -> SearchPage {
        let walk = Walk(order: order, dialect: db.dialect,
                        readsVersionRows: conditions.all.enumerated().contains { $0.offset != conditions.textIndex && $0.element.readsVersionRow })
        var checks = walk.conditions
        var values = walk.values
        for (index, condition) in conditions.all.enumerated() where index != conditions.textIndex {
            checks.append(condition.check)
            values += condition.values
        }
        let textMatches = try conditions.textIndex.map { index in
            Set(try db.query(SearchSQL.adapted("SELECT rowid FROM model_search WHERE model_search MATCH ?", for: db.dialect),
                              conditions.all[index].values) { $0.int64(0) })
        }
        let select = "SELECT m.id, m.name, m.downloads, \(walk.published), \(walk.key), NULL FROM \(walk.source)"
        let sql: String
        var bound = values
        var skip = 0
        switch query.cursor {
        case let .after(position)?:
            // Same key after this name, then every smaller key: two index range seeks.
            sql = """
                SELECT * FROM (\(select) WHERE \((checks + ["\(walk.key) = ?", "m.name > ?"]).joined(separator: " AND "))
                               ORDER BY m.name)\(SearchSQL.alias("same_key", db.dialect))
                UNION ALL
                SELECT * FROM (\(select) WHERE \((checks + ["\(walk.key) < ?"]).joined(separator: " AND "))
                               ORDER BY \(walk.key) DESC, m.name)\(SearchSQL.alias("smaller_keys", db.dialect))
                """
            bound += [position.key.value, .text(position.name)] + values + [position.key.value]
        case let .offset(offset)?:
            sql = "\(select) WHERE \(checks.joined(separator: " AND ")) ORDER BY \(walk.key) DESC, m.name"
            skip = offset
        case nil:
            sql = "\(select) WHERE \(checks.joined(separator: " AND ")) ORDER BY \(walk.key) DESC, m.name"
        }
        var rows: [SearchCandidate] = []
        var seen: Set<Int64> = []
        try db.forEachLazily(SearchSQL.adapted(sql, for: db.dialect), bound) { row in
            let candidate = SearchCandidate(row)
            guard textMatches?.contains(candidate.id) ?? true, seen.insert(candidate.id).inserted else { return true }
            if skip > 0 { skip -= 1; return true }
            rows.append(candidate)
            return rows.count <= query.limit
        }
        let page = Array(rows.prefix(query.limit))
        let next = rows.count > query.limit ? page.last.map { SearchCursor.after(order.position(of: $0)) } : nil
        return SearchPage(results: try hits(page.map(\.id), in: db), total: total,
                          totalIsLowerBound: lowerBound, nextCursor: next?.encoded(for: query))
    }

    /// How to walk heads in a key order: the index that yields them in it.
    struct Walk {
        /// `FROM` text yielding `m` and `v` in key order.
        let source: String
        /// The key column, read into the candidates' `metric` slot (NULL-safe for the others).
        let key: String
        /// Conditions of the source itself, and their values.
        let conditions: [String]
        let values: [SQLValue]
        /// The head's publication time, or `0` where the walk leaves the version rows unread (an order
        /// other than `recent` does not read it).
        var published = "v.published"

        /// `readsVersionRows`: whether a condition checked on the way reads the head version's row.
        init(order: SearchOrder, dialect: SQLDialect, readsVersionRows: Bool) {
            switch order {
            case .ranked, .downloads where !readsVersionRows && dialect == .sqlite:
                // The models' own index and rows alone: a version row holds its manifest, and reading one
                // per walked row cost more than the rest of the walk. (PostgreSQL plans the join itself,
                // and planned this form's domain filter twice as slow.)
                source = "models m INDEXED BY models_downloads"
                key = "m.downloads"; conditions = ["m.head_version IS NOT NULL"]; values = []; published = "0"
            case .ranked, .downloads:
                source = "models m INDEXED BY models_downloads CROSS JOIN versions v ON v.id = m.head_version"
                key = "m.downloads"; conditions = [SearchSQL.always(dialect)]; values = []
            case .recent:
                source = "versions v INDEXED BY versions_published CROSS JOIN models m INDEXED BY models_head ON m.head_version = v.id"
                key = "v.published"; conditions = [SearchSQL.always(dialect)]; values = []
            case let .metric(name):
                // One row per version: its best value of the metric (the first by value, then rowid).
                source = "version_metrics w INDEXED BY version_metrics_value CROSS JOIN models m INDEXED BY models_head "
                    + "ON m.head_version = w.version_id CROSS JOIN versions v ON v.id = w.version_id"
                key = "w.value"
                conditions = ["w.name = ?", """
                    w.rowid = (SELECT y.rowid FROM version_metrics y WHERE y.version_id = w.version_id AND y.name = w.name
                               ORDER BY y.value DESC, y.rowid LIMIT 1)
                    """]
                values = [.text(name)]
            }
        }
    }
}

extension SearchOrder.Key {
    /// The key as an SQL value.
    var value: SQLValue {
        switch self {
        case let .integer(value): .integer(value)
        case let .real(value): .real(value)
        }
    }
}
