import Foundation
import ContentStore
import Manifest
import RegistryAPI

/// Full-text search (FTS5, bm25) with filters over each model's head version.
struct SearchRepository: Sendable {
    let database: DatabasePool

    /// BM25 column weights: name, description, domain, task, labels, datasets, architecture.
    static let columnWeights = "10.0, 1.0, 5.0, 2.0, 1.0, 3.0, 5.0"

    func search(_ query: SearchQuery) async throws -> SearchPage {
        try await database.read { db in try Self.search(query, in: db) }
    }

    static func search(_ query: SearchQuery, in db: Database) throws -> SearchPage {
        var joins = "FROM models m JOIN versions v ON v.id = m.head_version"
        var conditions: [String] = []
        var values: [SQLValue] = []
        let match = query.matchExpression
        if let match {
            joins += " JOIN model_search s ON s.rowid = m.id"
            conditions.append("model_search MATCH ?")
            values.append(.text(match))
        }
        for domain in query.domains {
            conditions.append("EXISTS (SELECT 1 FROM version_domains d WHERE d.version_id = v.id AND d.tag = ?)")
            values.append(.text(domain))
        }
        if let architecture = query.architecture {
            conditions.append("(v.family = ? OR v.architecture = ?)")
            values += [.text(architecture), .text(architecture)]
        }
        if let task = query.task { conditions.append("v.task = ?"); values.append(.text(task)) }
        if let license = query.license { conditions.append("v.license = ? COLLATE NOCASE"); values.append(.text(license)) }
        for minimum in query.minimums {
            conditions.append("EXISTS (SELECT 1 FROM version_metrics x WHERE x.version_id = v.id AND x.name = ? AND x.value >= ?)")
            values += [.text(minimum.name), .real(minimum.value)]
        }
        var order: String
        switch query.sort {
        case .relevance where match != nil: order = "bm25(model_search, \(columnWeights)), m.downloads DESC"
        case .relevance, .downloads: order = "m.downloads DESC"
        case .recent: order = "v.published DESC"
        case let .metric(name):
            let best = "(SELECT MAX(x.value) FROM version_metrics x WHERE x.version_id = v.id AND x.name = ?)"
            conditions.append("\(best) IS NOT NULL")
            values.append(.text(name))
            order = "\(best) DESC"
            // The ORDER BY placeholder follows every WHERE placeholder.
            values.append(.text(name))
        }
        order += ", m.name"
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let orderValues = Array(values.suffix(query.sort.isMetric ? 1 : 0))
        let whereValues = Array(values.dropLast(orderValues.count))
        let total = try db.first("SELECT COUNT(*) \(joins) \(filter)", whereValues) { Int($0.int64(0)) } ?? 0
        let rows = try db.query("""
            SELECT m.id, m.name, v.id, v.digest, v.architecture, v.family, v.task, v.license, v.description,
                   v.headline_name, v.headline_value, v.headline_split, v.headline_dataset,
                   m.downloads, v.parent, v.published
            \(joins) \(filter) ORDER BY \(order) LIMIT ? OFFSET ?
            """, values + [.integer(Int64(query.limit)), .integer(Int64(query.offset))]) { row in try hit(row, in: db) }
        let next = query.offset + rows.count  // offset <= SearchQuery.maximumOffset, rows <= 100: no overflow
        return SearchPage(results: rows, total: total, nextCursor: next < total && !rows.isEmpty ? query.cursor(offset: next) : nil)
    }

    private static func hit(_ row: Statement, in db: Database) throws -> SearchHit {
        let modelID = row.int64(0), versionID = row.int64(2)
        let tag = try db.first("""
            SELECT tag FROM tags WHERE model_id = ? AND version_id = ?
            ORDER BY (tag = 'latest') DESC, updated DESC LIMIT 1
            """, [.integer(modelID), .integer(versionID)]) { $0.text(0) } ?? ""
        let domains = try db.query("SELECT tag FROM version_domains WHERE version_id = ? ORDER BY tag",
                                   [.integer(versionID)]) { $0.text(0) }
        let headline = row.optionalText(9).map {
            HeadlineMetric(name: $0, value: row.double(10), split: row.text(11), dataset: row.text(12))
        }
        let description = row.text(8)
        let summary = description.split(separator: "\n").first {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }.map { String($0.trimmingCharacters(in: CharacterSet(charactersIn: "# ").union(.whitespaces))) } ?? ""
        return SearchHit(name: row.text(1), tag: tag, digest: row.text(3), architecture: row.text(4), family: row.text(5),
                   domain: domains, task: row.text(6), license: row.text(7), summary: summary,
                   headlineMetric: headline, downloads: row.int64(13), parent: row.optionalText(14),
                   updated: Clock.iso8601(milliseconds: row.int64(15)))
    }
}

extension SearchQuery.Sort {
    var isMetric: Bool { if case .metric = self { return true } else { return false } }
}

extension Digest {
    /// SHA-256 of a string's UTF-8 bytes.
    static func sha256(ofText text: String) -> Digest { sha256(of: Data(text.utf8)) }
}
