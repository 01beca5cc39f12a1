import Foundation
import Manifest

/// `GET /v1/models/{namespace}/{name}/lineage`: ancestors and descendants of a version as a graph.
struct LineageGraph: Encodable, Sendable {
    /// Which way to walk from the root.
    enum Direction: String, Sendable { case both, ancestors, descendants }

    struct Node: Encodable, Sendable {
        let id: String
        let name: String
        let digest: String
        let tags: [String]
        let architecture: String
        let task: String
        @NullEncoded var headlineMetric: SearchRepository.HeadlineMetric?
        let generation: Int
    }

    struct Edge: Encodable, Sendable {
        let parent: String
        let child: String
        let relation: String
        @NullEncoded var strategy: String?
    }

    /// Most generations followed in each direction.
    static let maximumDepth = 50
    /// Most nodes returned (a popular base can have very many descendants).
    static let maximumNodes = 5_000

    let root: String
    let nodes: [Node]
    let edges: [Edge]

    /// Walks the lineage table breadth-first from `rootVersion`.
    static func load(rootVersion: Int64, depth: Int, direction: Direction, in db: Database) throws -> LineageGraph {
        var generations: [Int64: Int] = [rootVersion: 0]
        var edges: [(parent: Int64, child: Int64, relation: String, strategy: String?)] = []
        var seenEdges = Set<Int64>()  // child ids: each version has at most one parent edge
        for upward in [true, false] {
            if upward && direction == .descendants || !upward && direction == .ancestors { continue }
            var frontier = [rootVersion]
            for step in 1...max(depth, 1) where !frontier.isEmpty && generations.count < maximumNodes {
                var next: [Int64] = []
                for version in frontier {
                    let sql = upward
                        ? "SELECT parent_version, child_version, relation, strategy FROM lineage WHERE child_version = ?"
                        : "SELECT parent_version, child_version, relation, strategy FROM lineage WHERE parent_version = ? ORDER BY child_version"
                    for edge in try db.query(sql, [.integer(version)], { ($0.int64(0), $0.int64(1), $0.text(2), $0.optionalText(3)) }) {
                        if seenEdges.insert(edge.1).inserted { edges.append(edge) }
                        let other = upward ? edge.0 : edge.1
                        if generations[other] == nil {
                            generations[other] = upward ? -step : step
                            next.append(other)
                        }
                    }
                }
                frontier = next
            }
        }
        let nodes = try generations.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { version, generation in
            try node(version, generation: generation, in: db)
        }
        let ids = Dictionary(uniqueKeysWithValues: zip(generations.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key), nodes.map(\.id)))
        return LineageGraph(
            root: ids[rootVersion]!, nodes: nodes,
            edges: edges.compactMap { edge in
                guard let parent = ids[edge.parent], let child = ids[edge.child] else { return nil }
                return Edge(parent: parent, child: child, relation: edge.relation, strategy: edge.strategy)
            })
    }

    private static func node(_ version: Int64, generation: Int, in db: Database) throws -> Node {
        let row = try db.first("""
            SELECT m.name, v.digest, v.architecture, v.task, v.headline_name, v.headline_value, v.headline_split,
                   v.headline_dataset
            FROM versions v JOIN models m ON m.id = v.model_id WHERE v.id = ?
            """, [.integer(version)]) { row in
                (name: row.text(0), digest: row.text(1), architecture: row.text(2), task: row.text(3),
                 metric: row.optionalText(4).map {
                     SearchRepository.HeadlineMetric(name: $0, value: row.double(5), split: row.text(6), dataset: row.text(7))
                 })
            }
        guard let row else { throw DatabaseError(code: 0, message: "version \(version) vanished during a lineage walk") }
        let tags = try db.query("SELECT tag FROM tags WHERE version_id = ? ORDER BY tag", [.integer(version)]) { $0.text(0) }
        return Node(id: "\(row.name)@\(row.digest)", name: row.name, digest: row.digest, tags: tags,
                    architecture: row.architecture, task: row.task, headlineMetric: row.metric, generation: generation)
    }
}
