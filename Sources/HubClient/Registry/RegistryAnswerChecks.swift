import ContentStore
import Foundation
import RegistryAPI

/// Bounds on the registry's answers to search and lineage: counts the client trusts before it
/// draws anything, so a broken or malicious registry gets a clear error instead of a hang, a
/// crash or a screen of garbage.
enum RegistryAnswerChecks {
    /// Most hits one search page may hold when no limit was asked for (the registry's own maximum).
    static let maximumSearchPage = 100
    /// Longest `nextCursor` accepted.
    static let maximumCursorLength = 1_000
    /// Most nodes or edges of a lineage graph the client draws.
    static let maximumLineageNodes = 10_000

    /// What is wrong with a search answer to a query with `limit`, or nil.
    static func problem(in response: SearchPage, limit: Int?) -> String? {
        let allowed = limit.map { min(max($0, 1), maximumSearchPage) } ?? maximumSearchPage
        if response.results.count > allowed {
            return "\(response.results.count) results for a limit of \(allowed)"
        }
        if response.total < response.results.count {
            return "a total \(response.total) below the \(response.results.count) results it sent"
        }
        if let cursor = response.nextCursor, cursor.count > maximumCursorLength {
            return "a nextCursor of \(cursor.count) characters (at most \(maximumCursorLength))"
        }
        if let hit = response.results.first(where: { $0.downloads < 0 }) {
            return "\(hit.downloads) downloads for \(hit.name.prefix(100))"
        }
        return nil
    }

    /// What is wrong with a lineage answer, or nil.
    static func problem(in graph: LineageGraph) -> String? {
        let count = max(graph.nodes.count, graph.edges.count)
        guard count <= maximumLineageNodes else {
            return "\(ByteFormat.grouped(Int64(count))) \(graph.nodes.count >= graph.edges.count ? "nodes" : "edges"), "
                + "more than the \(ByteFormat.grouped(Int64(maximumLineageNodes))) hub draws"
        }
        return nil
    }
}
