import Foundation

/// Search's SQL is written for SQLite, whose planner takes hints (`INDEXED BY`, `CROSS JOIN` to fix
/// the join order, `+column` to skip an index) that the bounded-work plan of `SearchRepository` relies
/// on. PostgreSQL plans joins itself and has its own full-text search, so there the same text is read
/// without the hints, with `tsvector @@ tsquery` for FTS5's `MATCH` and `string_agg` for `group_concat`
/// (`PostgresSearchText` says how the index mirrors FTS5). The rewrites touch only these fixed
/// fragments of search's own SQL, never a value (values are always bound).
enum SearchSQL {
    /// `sql` as `dialect` reads it.
    static func adapted(_ sql: String, for dialect: SQLDialect) -> String {
        guard dialect == .postgres else { return sql }
        var text = sql.replacingOccurrences(of: #" INDEXED BY \w+"#, with: "", options: .regularExpression)
        for (sqlite, postgres) in replacements { text = text.replacingOccurrences(of: sqlite, with: postgres) }
        return text
    }

    private static let replacements = [
        ("CROSS JOIN", "JOIN"),
        ("model_search MATCH ?", "model_search.document @@ to_tsquery('simple', ?)"),
        ("v.license = ? COLLATE NOCASE", "lower(v.license) = lower(?)"),
        ("group_concat(d.tag, char(10))", "string_agg(d.tag, chr(10))"),
    ]

    /// A condition that always holds: SQLite's `1` (its plans were measured with exactly that text),
    /// PostgreSQL's `true` (its `WHERE` takes booleans only).
    static func always(_ dialect: SQLDialect) -> String { dialect == .postgres ? "true" : "1" }

    /// ` AS name` after a subquery in `FROM`, which PostgreSQL requires; nothing on SQLite (same reason).
    static func alias(_ name: String, _ dialect: SQLDialect) -> String { dialect == .postgres ? " AS \(name)" : "" }

    /// The rank column of a ranked query (lower is better, as bm25's) and whether it takes the text
    /// query's value as a parameter.
    static func rank(for dialect: SQLDialect) -> (sql: String, takesText: Bool) {
        switch dialect {
        case .sqlite: ("bm25(model_search, \(SearchRepository.columnWeights))", false)
        case .postgres: ("-ts_rank(\(PostgresSearchText.weights), model_search.document, to_tsquery('simple', ?))", true)
        }
    }

    /// The value bound to the text condition: FTS5's match expression, or PostgreSQL's `tsquery` text.
    static func textValue(of query: SearchQuery, match: String, for dialect: SQLDialect) -> String {
        dialect == .postgres ? PostgresSearchText.query(words: SearchQuery.words(of: query.text)) : match
    }
}
