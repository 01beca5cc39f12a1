import Foundation
import ContentStore
import Manifest
import RegistryAPI

/// Full-text search (FTS5, bm25) with filters over each model's head version, in bounded work whatever
/// the catalogue's size (docs/server.md, "Search"):
///
/// 1. The matches are read from the index of the query's most selective condition (the text, a domain,
///    a version column, a metric), checking the others, up to `totalBound + 1` of them.
/// 2. At most `totalBound` matches: `total` is exact; they are sorted here (bm25 for text) and paged.
/// 3. More: `total` is `totalBound` with `totalIsLowerBound`, and the page is read by walking the sort
///    order's index from the cursor's key (keyset paging), checking every condition on the way; text
///    without another sort then lists its matches most downloaded first (ranking them all costs ~1 µs each).
struct SearchRepository: Sendable {
    let database: any DatabasePool

    /// BM25 column weights: name, description, domain, task, labels, datasets, architecture.
    static let columnWeights = "10.0, 1.0, 5.0, 2.0, 1.0, 3.0, 5.0"

    /// Matches counted exactly and ranked by bm25; past it `total` is a lower bound.
    static let totalBound = 1_000

    func search(_ query: SearchQuery) async throws -> SearchPage {
        try await database.read { db in try Self.search(query, in: db) }
    }

    static func search(_ query: SearchQuery, bound: Int = totalBound, narrowsText: Bool = true,
                       in db: any Database) throws -> SearchPage {
        let conditions = SearchConditions(query, dialect: db.dialect, narrowsText: narrowsText)
        let keyOrder = SearchOrder(keyOf: query)
        let ranks = conditions.textIndex != nil && query.sort == .relevance
        var order = ranks ? SearchOrder.ranked : keyOrder
        if case .after = query.cursor { order = keyOrder }
        if conditions.matchesEverything {
            let heads = try SearchFacetTotals.headCount(in: db)
            if heads > bound {
                return try walkedPage(query, conditions, order: keyOrder, total: heads, lowerBound: false, in: db)
            }
        }
        // Ranking reads bm25 while driving from the text; when the text alone has more matches than the
        // bound, find out first (without bm25) whether the filters leave few enough to rank. Text with
        // no filter needs no more: a model has a search row exactly while it has a head, so the text's
        // estimate counts the matches themselves.
        var ranked = order == .ranked
        var known: [Int: Int] = [:]
        if let text = conditions.textIndex, ranked || conditions.all.count == 1 {
            known[text] = try conditions.estimate(text, bound: bound, in: db)
            if known[text]! > bound {
                if conditions.all.count == 1 {
                    return try walkedPage(query, conditions, order: keyOrder, total: bound, lowerBound: true, in: db)
                }
                ranked = false
            }
        }
        var candidates = try self.candidates(query, conditions, ranked: ranked, bound: bound, known: known, in: db)
        guard candidates.count <= bound else {
            return try walkedPage(query, conditions, order: keyOrder, total: bound, lowerBound: true, in: db)
        }
        if order == .ranked && !ranked {
            candidates = try self.candidates(query, conditions, ranked: true, bound: bound, in: db)
        }
        let sorted = candidates.sorted { order.precedes($0, $1) }
        var start = 0
        switch query.cursor {
        case let .offset(offset)?: start = min(offset, sorted.count)
        case let .after(position)?: start = sorted.firstIndex { position.precedes(order.position(of: $0)) } ?? sorted.count
        case nil: break
        }
        let page = Array(sorted[start...].prefix(query.limit))
        let more = start + page.count < sorted.count
        let next: SearchCursor? = !more || page.isEmpty ? nil
            : order == .ranked ? .offset(start + page.count) : .after(order.position(of: page[page.count - 1]))
        return SearchPage(results: try hits(page.map(\.id), in: db), total: sorted.count,
                          nextCursor: next?.encoded(for: query))
    }

    /// Up to `bound + 1` matches, driven from the condition with the fewest rows (the text when ranking).
    /// `known`: estimates already made, by condition index.
    static func candidates(_ query: SearchQuery, _ conditions: SearchConditions, ranked: Bool, bound: Int,
                           known: [Int: Int] = [:], in db: any Database) throws -> [SearchCandidate] {
        let driving = ranked ? conditions.textIndex : try conditions.mostSelective(bound: bound, known: known, in: db)
        var metric = "NULL"
        var values: [SQLValue] = []
        if case let .metric(name) = query.sort {
            metric = "(SELECT MAX(x.value) FROM version_metrics x WHERE x.version_id = v.id AND x.name = ?)"
            values.append(.text(name))
        }
        var rank = "NULL"
        if ranked, let text = conditions.textIndex {
            let column = SearchSQL.rank(for: db.dialect)
            rank = column.sql
            if column.takesText { values += conditions.all[text].values }
        }
        let matches = conditions.matches(drivenBy: driving, ranked: ranked)
        let sql = "SELECT m.id, m.name, m.downloads, v.published, \(metric), \(rank) \(matches.sql) LIMIT ?"
        return try db.query(SearchSQL.adapted(sql, for: db.dialect),
                            values + matches.values + [.integer(Int64(bound) + 1)]) { SearchCandidate($0) }
    }

    /// The search hits of the models `ids`, in that order.
    static func hits(_ ids: [Int64], in db: any Database) throws -> [SearchHit] {
        guard !ids.isEmpty else { return [] }
        // One query for the whole page (a round trip per hit and per hit's tag and domains cost PostgreSQL
        // ~50 ms a page), each hit with its tag and its domains (one per line, sorted here).
        let places = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let sql = SearchSQL.adapted("""
            SELECT m.id, m.name, v.id, v.digest, v.architecture, v.family, v.task, v.license, v.description,
                   v.headline_name, v.headline_value, v.headline_split, v.headline_dataset,
                   m.downloads, v.parent, v.published,
                   (SELECT t.tag FROM tags t WHERE t.model_id = m.id AND t.version_id = v.id
                    ORDER BY (t.tag = 'latest') DESC, t.updated DESC LIMIT 1),
                   (SELECT group_concat(d.tag, char(10)) FROM version_domains d WHERE d.version_id = v.id)
            FROM models m JOIN versions v ON v.id = m.head_version WHERE m.id IN (\(places))
            """, for: db.dialect)
        let rows = try db.query(sql, ids.map { .integer($0) }) { row in (row.int64(0), hit(row)) }
        let byID = Dictionary(rows, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    private static func hit(_ row: any DatabaseRow) -> SearchHit {
        let tag = row.optionalText(16) ?? ""
        let domains = (row.optionalText(17) ?? "").split(separator: "\n").map(String.init).sorted()
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

extension Digest {
    /// SHA-256 of a string's UTF-8 bytes.
    static func sha256(ofText text: String) -> Digest { sha256(of: Data(text.utf8)) }
}
