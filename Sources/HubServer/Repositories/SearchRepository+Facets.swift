import Foundation

extension SearchRepository {
    /// Most matches a filtered query's facets count; beyond it the counts are lower bounds (`exact` false).
    /// Counting costs about a microsecond per match, so this bounds the home page's facets to a few ms.
    static let facetMatchLimit = 1_000

    /// The facet counts over the matches of `query` (its page position and sort play no part).
    func facets(_ query: SearchQuery) async throws -> SearchFacets {
        try await database.read { db in try Self.facets(query, in: db) }
    }

    static func facets(_ query: SearchQuery, matchLimit: Int = facetMatchLimit, in db: any Database) throws -> SearchFacets {
        let conditions = SearchConditions(query, dialect: db.dialect)
        if conditions.matchesEverything { return try SearchFacetTotals.all(in: db) }
        var domains: [String: Int] = [:], architectures: [String: Int] = [:]
        var tasks: [String: Int] = [:], licenses: [String: Int] = [:]
        let matches = conditions.matches(drivenBy: try conditions.mostSelective(bound: matchLimit, in: db))
        let rows = try db.query(SearchSQL.adapted("""
            SELECT v.family, v.task, lower(v.license),
                   (SELECT group_concat(d.tag, char(10)) FROM version_domains d WHERE d.version_id = v.id)
            \(matches.sql) LIMIT ?
            """, for: db.dialect), matches.values + [.integer(Int64(matchLimit) + 1)]) { row in
            (row.text(0), row.text(1), row.text(2), row.optionalText(3))
        }
        for (family, task, license, domainList) in rows.prefix(matchLimit) {
            architectures[family, default: 0] += 1
            tasks[task, default: 0] += 1
            licenses[license, default: 0] += 1
            for domain in domainList?.split(separator: "\n") ?? [] { domains[String(domain), default: 0] += 1 }
        }
        return SearchFacets(domains: domains, architectures: architectures, tasks: tasks, licenses: licenses,
                            exact: rows.count <= matchLimit, countedMatches: min(rows.count, matchLimit))
    }
}

extension DataDirectory {
    /// The facets of a search given as query parameters: how many values they list and whether their
    /// counts are exact (for hub-bench, which times the facets without the web page).
    package func searchFacetSummary(_ parameters: [(String, String)]) async throws -> (values: Int, exact: Bool) {
        let facets = try await SearchRepository(database: database).facets(try SearchQuery(parameters: parameters))
        return (facets.domains.count + facets.architectures.count + facets.tasks.count + facets.licenses.count, facets.exact)
    }
}
