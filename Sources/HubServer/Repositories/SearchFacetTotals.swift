import Foundation

/// The facet counts over every head version, kept in `search_facet_counts` as heads change, so that the
/// unfiltered home page reads a few dozen rows instead of grouping every model.
///
/// Each head version counts once under its family, its task, its lowercased licence and each of its
/// domain tags. `ModelRepository`'s `refreshHead` moves a model's counts from its old head to its new one
/// inside the same transaction.
enum SearchFacetTotals {
    /// The facets' names in `search_facet_counts.facet`.
    enum Facet: String, CaseIterable {
        case domain, architecture, task, license
    }

    /// Exact counts over all heads.
    static func all(in db: any Database) throws -> SearchFacets {
        var counts: [Facet: [String: Int]] = [:]
        try db.query("SELECT facet, value, count FROM search_facet_counts WHERE count > 0") { row in
            (row.text(0), row.text(1), Int(row.int64(2)))
        }.forEach { facet, value, count in
            if let facet = Facet(rawValue: facet) { counts[facet, default: [:]][value] = count }
        }
        let heads = try headCount(in: db)
        return SearchFacets(domains: counts[.domain] ?? [:], architectures: counts[.architecture] ?? [:],
                            tasks: counts[.task] ?? [:], licenses: counts[.license] ?? [:],
                            exact: true, countedMatches: heads)
    }

    /// Models with a head version: every head has exactly one task, so the task counts add up to it.
    static func headCount(in db: any Database) throws -> Int {
        try db.first("SELECT COALESCE(SUM(count), 0) FROM search_facet_counts WHERE facet = 'task'") { Int($0.int64(0)) } ?? 0
    }

    /// Adds `delta` (+1 or -1) to every facet value of version `versionID`.
    static func add(_ delta: Int64, forVersion versionID: Int64, in db: any Database) throws {
        try db.run("""
            INSERT INTO search_facet_counts (facet, value, count)
            SELECT facet, value, ? FROM (\(valuesOfVersion)) AS version_values WHERE true
            ON CONFLICT (facet, value) DO UPDATE SET count = search_facet_counts.count + excluded.count
            """, [.integer(delta), .integer(versionID), .integer(versionID), .integer(versionID), .integer(versionID)])
        if delta < 0 { try db.run("DELETE FROM search_facet_counts WHERE count <= 0") }
    }

    /// (facet, value) of a version, one row per value; four `?` for the version id.
    static let valuesOfVersion = """
        SELECT 'architecture' AS facet, family AS value FROM versions WHERE id = ?
        UNION ALL SELECT 'task', task FROM versions WHERE id = ?
        UNION ALL SELECT 'license', lower(license) FROM versions WHERE id = ?
        UNION ALL SELECT 'domain', tag FROM version_domains WHERE version_id = ?
        """

    /// The migration that creates the table and counts the heads already stored.
    static let migration = """
        CREATE TABLE search_facet_counts (
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (facet, value)
        ) WITHOUT ROWID;
        INSERT INTO search_facet_counts (facet, value, count)
        SELECT facet, value, COUNT(*) FROM (
            SELECT 'architecture' AS facet, v.family AS value FROM models m JOIN versions v ON v.id = m.head_version
            UNION ALL SELECT 'task', v.task FROM models m JOIN versions v ON v.id = m.head_version
            UNION ALL SELECT 'license', lower(v.license) FROM models m JOIN versions v ON v.id = m.head_version
            UNION ALL SELECT 'domain', d.tag FROM models m JOIN version_domains d ON d.version_id = m.head_version
        ) GROUP BY facet, value;
        """
}
