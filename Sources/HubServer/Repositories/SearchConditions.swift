import Foundation

/// The conditions that select a search query's matches among the head versions, each in two forms: a
/// check on a row of `models m` joined to its head `versions v`, and (for the index it can be read from)
/// a way to drive the query from only the rows that pass it. `SearchRepository` drives from the condition
/// with the fewest rows and checks the others.
struct SearchConditions: Sendable {
    /// One condition of the query.
    struct Condition: Sendable {
        /// The SQL check on `m` and `v`.
        let check: String
        /// The values of `check`'s placeholders.
        let values: [SQLValue]
        /// `FROM` text that yields `m` and `v` for only the rows that may pass, ending in `WHERE`-able form.
        let drivingSource: String
        /// The condition on `drivingSource` (replaces `check` when this condition drives).
        let drivingCondition: String
        /// The values of `drivingCondition`'s placeholders (nil: `values`).
        var drivingValues: [SQLValue]? = nil
        /// A cheaper way to drive when no bm25 rank is read (nil: the same): the narrowed text's own match.
        var unrankedDriving: (condition: String, values: [SQLValue])? = nil
        /// A cheap index-only count of the rows `drivingSource` yields (an estimate: it may count versions
        /// that are not heads); `SELECT 1 FROM ... WHERE ...` with `values`.
        let estimate: String
        /// Whether `check` reads the head version's row (`v`); the others need only `m.head_version`, so a
        /// walk down the models' downloads index can leave the version rows (large: they hold the
        /// manifests) unread.
        var readsVersionRow = false
    }

    /// Models joined to their heads, with no condition: the source when nothing drives.
    static let everyHead = "models m JOIN versions v ON v.id = m.head_version"

    /// The query's conditions, ANDed; empty when every head matches.
    var all: [Condition] = []
    /// The index in `all` of the free-text condition, if the query has text (ranking needs it to drive, for bm25).
    var textIndex: Int?

    /// Whether every head version matches (no text, no filter).
    var matchesEverything: Bool { all.isEmpty }

    /// The conditions of `query` in `dialect`'s SQL; `narrowsText: false` leaves the text's match as typed
    /// (tests compare both).
    init(_ query: SearchQuery, dialect: SQLDialect = .sqlite, narrowsText: Bool = true) {
        if let match = query.matchExpression {
            textIndex = all.count
            if dialect == .postgres {
                // The words as a tsquery; narrowing by FTS5 column phrases is SQLite's (PostgreSQL's planner
                // combines the GIN index with the filters' own indexes).
                all.append(Self.text(SearchSQL.textValue(of: query, match: match, for: dialect), narrowed: nil))
            } else {
                all.append(Self.text(match, narrowed: narrowsText ? Self.narrowed(match, by: query) : nil))
            }
        }
        for domain in query.domains {
            all.append(Condition(
                check: "EXISTS (SELECT 1 FROM version_domains d WHERE d.version_id = m.head_version AND d.tag = ?)",
                values: [.text(domain)],
                drivingSource: "version_domains d CROSS JOIN models m INDEXED BY models_head ON m.head_version = d.version_id "
                    + "CROSS JOIN versions v ON v.id = d.version_id",
                drivingCondition: "d.tag = ?",
                estimate: "SELECT 1 FROM version_domains WHERE tag = ?"))
        }
        if let architecture = query.architecture {
            all.append(Self.onVersions("(v.family = ? OR v.architecture = ?)", [.text(architecture), .text(architecture)]))
        }
        if let task = query.task { all.append(Self.onVersions("v.task = ?", [.text(task)])) }
        if let license = query.license { all.append(Self.onVersions("v.license = ? COLLATE NOCASE", [.text(license)])) }
        for minimum in query.minimums {
            all.append(Self.metric("x.value >= ?", name: minimum.name, extra: [.real(minimum.value)], dialect: dialect))
        }
        if case let .metric(name) = query.sort {
            // Sorting by a metric leaves out the models that do not report it.
            all.append(Self.metric(SearchSQL.always(dialect), name: name, extra: [], dialect: dialect))
        }
    }

    /// The free-text condition. With `narrowed` (the text plus the filters the FTS columns also hold), the
    /// check, the estimate and the walk's set of matches read the narrowed match, and driving reads the
    /// text's match (its bm25 ranks) restricted to the narrowed one, or without a rank the narrowed match
    /// alone: the filters are checked exactly anyway, so the results are the same, but the FTS index rules
    /// out most rows before any join.
    private static func text(_ match: String, narrowed: String?) -> Condition {
        let source = "model_search CROSS JOIN models m ON m.id = model_search.rowid CROSS JOIN versions v ON v.id = m.head_version"
        let check = "+m.id IN (SELECT rowid FROM model_search WHERE model_search MATCH ?)"
        let estimate = "SELECT 1 FROM model_search WHERE model_search MATCH ?"
        guard let narrowed else {
            return Condition(check: check, values: [.text(match)], drivingSource: source,
                             drivingCondition: "model_search MATCH ?", estimate: estimate)
        }
        return Condition(
            check: check, values: [.text(narrowed)], drivingSource: source,
            drivingCondition: "model_search MATCH ? AND +model_search.rowid IN (SELECT rowid FROM model_search WHERE model_search MATCH ?)",
            drivingValues: [.text(match), .text(narrowed)],
            unrankedDriving: ("model_search MATCH ?", [.text(narrowed)]), estimate: estimate)
    }

    /// The text's match ANDed with a phrase per domain and task filter on the FTS column that holds it,
    /// or nil when no filter can narrow it. Every head that passes a filter exactly has the filter's value
    /// in that column, and the phrase is tokenized by the same tokenizer, so narrowing never drops a
    /// match; a value without an ASCII letter or digit might have no token and is left out. (`+` keeps
    /// SQLite from handing the rowid list to FTS5 as a constraint, which re-runs the match per rowid.)
    static func narrowed(_ match: String, by query: SearchQuery) -> String? {
        let phrases = query.domains.map { ("domain", $0) } + (query.task.map { [("task", $0)] } ?? [])
        let usable = phrases.filter { $0.1.unicodeScalars.contains { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) } }
        guard !usable.isEmpty else { return nil }
        return "(\(match))" + usable.map { " AND \($0.0) : \"\($0.1.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined()
    }

    /// A condition on the version's own columns, read from the version indexes of migration 4.
    private static func onVersions(_ check: String, _ values: [SQLValue]) -> Condition {
        Condition(check: check, values: values,
                  drivingSource: "versions v CROSS JOIN models m INDEXED BY models_head ON m.head_version = v.id",
                  drivingCondition: check, estimate: "SELECT 1 FROM versions v WHERE \(check)", readsVersionRow: true)
    }

    /// A condition on one of the version's metrics named `name` (`x.value` in `test`).
    private static func metric(_ test: String, name: String, extra: [SQLValue], dialect: SQLDialect) -> Condition {
        Condition(
            check: "EXISTS (SELECT 1 FROM version_metrics x WHERE x.version_id = m.head_version AND x.name = ? AND \(test))",
            values: [.text(name)] + extra,
            drivingSource: "(SELECT DISTINCT x.version_id AS id FROM version_metrics x WHERE x.name = ? AND \(test)) w "
                + "CROSS JOIN models m INDEXED BY models_head ON m.head_version = w.id CROSS JOIN versions v ON v.id = w.id",
            drivingCondition: SearchSQL.always(dialect),
            estimate: "SELECT 1 FROM version_metrics x WHERE x.name = ? AND \(test)")
    }
}
