import Foundation
@testable import HubServer
import Manifest

/// Everything the publish transaction stores about models, as sorted lines of text that name rows by
/// model name and version digest (not by row id), without the timestamps: two registries that loaded the
/// same models hold the same catalogue exactly when their `StoredCatalogue`s are equal.
struct StoredCatalogue: Equatable, CustomStringConvertible {
    /// Table name -> its rows, sorted.
    let tables: [String: [String]]

    /// Reads the catalogue of `database`.
    static func read(_ database: any DatabasePool) async throws -> StoredCatalogue {
        try await database.read { db in
            var tables: [String: [String]] = [:]
            for (table, query) in queries {
                tables[table] = try db.query(query.sql) { row in
                    query.columns.enumerated().map { index, kind in kind.format(row, Int32(index)) }.joined(separator: " | ")
                }.sorted()
            }
            return StoredCatalogue(tables: tables)
        }
    }

    var description: String {
        tables.keys.sorted().map { "\($0):\n  " + tables[$0]!.joined(separator: "\n  ") }.joined(separator: "\n")
    }

    /// The lines of `self` not in `other`, and of `other` not in `self`, by table: what a failed comparison prints.
    func difference(from other: StoredCatalogue) -> String {
        tables.keys.sorted().compactMap { table in
            let mine = Set(tables[table] ?? []), theirs = Set(other.tables[table] ?? [])
            guard mine != theirs || tables[table]?.count != other.tables[table]?.count else { return nil }
            return "\(table): only here \(mine.subtracting(theirs).sorted()), only there \(theirs.subtracting(mine).sorted()) "
                + "(\(tables[table]?.count ?? 0) rows here, \(other.tables[table]?.count ?? 0) there)"
        }.joined(separator: "\n")
    }

    /// How a column reads as text.
    private enum Column {
        case text, integer, real, bytes
        func format(_ row: any DatabaseRow, _ index: Int32) -> String {
            if row.isNull(index) { return "NULL" }
            switch self {
            case .text: return row.text(index)
            case .integer: return String(row.int64(index))
            case .real: return String(row.double(index))
            case .bytes: return Digest.sha256(of: row.data(index)).description
            }
        }
    }

    private static let queries: [(String, (sql: String, columns: [Column]))] = [
        ("models", ("""
            SELECT m.name, m.namespace, m.downloads, h.digest FROM models m LEFT JOIN versions h ON h.id = m.head_version
            """, [.text, .text, .integer, .text])),
        ("versions", ("""
            SELECT m.name, v.digest, v.manifest, v.weight_bytes, v.downloads, v.parent, v.relation, v.strategy,
                v.architecture, v.family, v.task, v.license, v.description,
                v.headline_name, v.headline_value, v.headline_split, v.headline_dataset
            FROM versions v JOIN models m ON m.id = v.model_id
            """, [.text, .text, .bytes, .integer, .integer, .text, .text, .text,
                  .text, .text, .text, .text, .text, .text, .real, .text, .text])),
        ("version_blobs", ("SELECT v.digest, b.digest, b.size FROM version_blobs b JOIN versions v ON v.id = b.version_id",
                           [.text, .text, .integer])),
        ("version_metrics", ("SELECT v.digest, x.name, x.value FROM version_metrics x JOIN versions v ON v.id = x.version_id",
                             [.text, .text, .real])),
        ("version_domains", ("SELECT v.digest, d.tag FROM version_domains d JOIN versions v ON v.id = d.version_id",
                             [.text, .text])),
        ("version_hf_tags", ("SELECT v.digest, t.tag FROM version_hf_tags t JOIN versions v ON v.id = t.version_id",
                             [.text, .text])),
        ("version_files", ("SELECT v.digest, f.path, f.size, f.sha256 FROM version_files f JOIN versions v ON v.id = f.version_id",
                           [.text, .text, .integer, .text])),
        ("tags", ("""
            SELECT m.name, t.tag, v.digest FROM tags t JOIN models m ON m.id = t.model_id JOIN versions v ON v.id = t.version_id
            """, [.text, .text, .text])),
        ("lineage", ("""
            SELECT c.digest, p.digest, l.relation, l.strategy FROM lineage l
            JOIN versions c ON c.id = l.child_version JOIN versions p ON p.id = l.parent_version
            """, [.text, .text, .text, .text])),
        ("model_search", ("""
            SELECT m.name, s.name, s.description, s.domain, s.task, s.labels, s.datasets, s.architecture
            FROM model_search s JOIN models m ON m.id = s.rowid
            """, [.text, .text, .text, .text, .text, .text, .text, .text])),
        ("model_search rows", ("SELECT COUNT(*) FROM model_search", [.integer])),
        ("search_facet_counts", ("SELECT facet, value, count FROM search_facet_counts", [.text, .text, .integer])),
    ]
}
