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
        /// A cheap index-only count of the rows `drivingSource` yields (an estimate: it may count versions
        /// that are not heads); `SELECT 1 FROM ... WHERE ...` with `values`.
        let estimate: String
    }

    /// Models joined to their heads, with no condition: the source when nothing drives.
    static let everyHead = "models m JOIN versions v ON v.id = m.head_version"

    /// The query's conditions, ANDed; empty when every head matches.
    var all: [Condition] = []
    /// The index in `all` of the free-text condition, if the query has text (ranking needs it to drive, for bm25).
    var textIndex: Int?

    /// Whether every head version matches (no text, no filter).
    var matchesEverything: Bool { all.isEmpty }

    init(_ query: SearchQuery, dialect: SQLDialect = .sqlite) {
        if let match = query.matchExpression {
            let text = Condition(
                check: "+m.id IN (SELECT rowid FROM model_search WHERE model_search MATCH ?)", values: [.text(SearchSQL.textValue(of: query, match: match, for: dialect))],
                drivingSource: "model_search CROSS JOIN models m ON m.id = model_search.rowid CROSS JOIN versions v ON v.id = m.head_version",
                drivingCondition: "model_search MATCH ?",
                estimate: "SELECT 1 FROM model_search WHERE model_search MATCH ?")
            textIndex = all.count
            all.append(text)
        }
        for domain in query.domains {
            all.append(Condition(
                check: "EXISTS (SELECT 1 FROM version_domains d WHERE d.version_id = v.id AND d.tag = ?)", values: [.text(domain)],
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
            all.append(Self.metric("x.value >= ?", name: minimum.name, extra: [.real(minimum.value)]))
        }
        if case let .metric(name) = query.sort {
            // Sorting by a metric leaves out the models that do not report it.
            all.append(Self.metric("true", name: name, extra: []))
        }
    }

    /// A condition on the version's own columns, read from the version indexes of migration 4.
    private static func onVersions(_ check: String, _ values: [SQLValue]) -> Condition {
        Condition(check: check, values: values,
                  drivingSource: "versions v CROSS JOIN models m INDEXED BY models_head ON m.head_version = v.id",
                  drivingCondition: check, estimate: "SELECT 1 FROM versions v WHERE \(check)")
    }

    /// A condition on one of the version's metrics named `name` (`x.value` in `test`).
    private static func metric(_ test: String, name: String, extra: [SQLValue]) -> Condition {
        Condition(
            check: "EXISTS (SELECT 1 FROM version_metrics x WHERE x.version_id = v.id AND x.name = ? AND \(test))",
            values: [.text(name)] + extra,
            drivingSource: "(SELECT DISTINCT x.version_id AS id FROM version_metrics x WHERE x.name = ? AND \(test)) w "
                + "CROSS JOIN models m INDEXED BY models_head ON m.head_version = w.id CROSS JOIN versions v ON v.id = w.id",
            drivingCondition: "true",
            estimate: "SELECT 1 FROM version_metrics x WHERE x.name = ? AND \(test)")
    }
}
