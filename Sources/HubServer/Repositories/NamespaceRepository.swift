import Foundation
import Manifest
import WebPages

/// The models of one namespace (a user or an organisation), by name, for the namespace page.
struct NamespaceRepository: Sendable {
    let database: any DatabasePool

    /// Longest namespace looked up (a valid one is much shorter; see `Reference`).
    static let maximumNamespaceLength = 256
    /// Deepest page served (each page skips the rows before it).
    static let maximumPage = 2_000

    /// Page `page` (from 1) of `pageSize` models of `namespace`, and how many it has in all.
    func models(in namespace: String, page: Int, pageSize: Int) async throws -> (models: [ModelListing], total: Int) {
        guard namespace.utf8.count <= Self.maximumNamespaceLength, (1...Self.maximumPage).contains(page) else {
            return ([], 0)
        }
        let offset = (page - 1) * pageSize  // both bounded above: no overflow
        return try await database.read { db in
            let total = try db.first("""
                SELECT COUNT(*) FROM models WHERE namespace = ? AND head_version IS NOT NULL
                """, [.text(namespace)]) { Int($0.int64(0)) } ?? 0
            let models = try db.query("""
                SELECT m.name, v.architecture, v.task, v.description, v.headline_name, v.headline_value,
                       v.headline_split, v.headline_dataset, m.downloads, v.parent, v.published, v.id
                FROM models m JOIN versions v ON v.id = m.head_version
                WHERE m.namespace = ? ORDER BY m.name LIMIT ? OFFSET ?
                """, [.text(namespace), .integer(Int64(pageSize)), .integer(Int64(offset))]) { row in
                try Self.listing(row, in: db)
            }
            return (models, total)
        }
    }

    private static func listing(_ row: any DatabaseRow, in db: any Database) throws -> ModelListing {
        let domains = try db.query("SELECT tag FROM version_domains WHERE version_id = ? ORDER BY tag",
                                   [.integer(row.int64(11))]) { $0.text(0) }
        let headline = row.optionalText(4).map {
            Metric(name: $0, value: row.double(5), split: row.text(6), dataset: row.text(7))
        }
        return ModelListing(name: row.text(0), architecture: row.text(1), domains: domains, task: row.text(2),
                            summary: ModelListing.summary(ofDescription: row.text(3)), headlineMetric: headline,
                            downloads: row.int64(8), parent: row.optionalText(9),
                            updated: Clock.iso8601(milliseconds: row.int64(10)))
    }
}
