import Foundation
import Manifest
import RegistryAPI

/// Loading `GET /v1/models/{namespace}/{name}/lineage` from the `lineage` table.
extension LineageGraph {
    /// Most generations followed in each direction.
    static let maximumDepth = 50
    /// Most nodes returned by default (a popular base can have very many descendants);
    /// `ServerConfiguration.maxLineageNodes`.
    static let defaultMaximumNodes = 5_000

    /// Walks the lineage table breadth-first from `rootVersion`, ancestors first, stopping as soon as
    /// `maximumNodes` versions are found (also in the middle of a generation; each query asks only
    /// for as many rows as there is room for).
    static func load(rootVersion: Int64, depth: Int, direction: Direction, maximumNodes: Int = defaultMaximumNodes,
                     in db: any Database) throws -> LineageGraph {
        var walk = Walk(root: rootVersion, capacity: max(maximumNodes, 1))
        if direction != .descendants { try walk.follow(upward: true, depth: depth, in: db) }
        if direction != .ancestors { try walk.follow(upward: false, depth: depth, in: db) }
        let ordered = walk.generations.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        let nodes = try ordered.map { version, generation in try node(version, generation: generation, in: db) }
        let ids = Dictionary(uniqueKeysWithValues: zip(ordered.map(\.key), nodes.map(\.id)))
        return LineageGraph(
            root: ids[rootVersion] ?? "", nodes: nodes,
            edges: walk.edges.compactMap { edge in
                guard let parent = ids[edge.parent], let child = ids[edge.child] else { return nil }
                return Edge(parent: parent, child: child, relation: edge.relation, strategy: edge.strategy)
            },
            truncated: walk.truncated)
    }

    /// The state of one breadth-first walk.
    private struct Walk {
        let root: Int64
        var generations: [Int64: Int]
        var edges: [(parent: Int64, child: Int64, relation: String, strategy: String?)] = []
        var seenChildren = Set<Int64>()  // each version has at most one parent edge
        let capacity: Int
        var truncated = false

        init(root: Int64, capacity: Int) {
            self.root = root
            generations = [root: 0]
            self.capacity = capacity
        }

        mutating func follow(upward: Bool, depth: Int, in db: any Database) throws {
            var frontier = [root]
            for step in 1...max(depth, 1) where !frontier.isEmpty && !truncated {
                var next: [Int64] = []
                for version in frontier where !truncated {
                    // One more row than there is room for tells whether the cap cut the walk.
                    let room = capacity - generations.count
                    let sql = upward
                        ? "SELECT parent_version, child_version, relation, strategy FROM lineage WHERE child_version = ? LIMIT ?"
                        : "SELECT parent_version, child_version, relation, strategy FROM lineage WHERE parent_version = ? "
                            + "ORDER BY child_version LIMIT ?"
                    let rows = try db.query(sql, [.integer(version), .integer(Int64(room + 1))]) {
                        (parent: $0.int64(0), child: $0.int64(1), relation: $0.text(2), strategy: $0.optionalText(3))
                    }
                    for edge in rows {
                        let other = upward ? edge.parent : edge.child
                        if generations[other] == nil {
                            guard generations.count < capacity else { truncated = true; break }
                            generations[other] = upward ? -step : step
                            next.append(other)
                        }
                        if seenChildren.insert(edge.child).inserted { edges.append(edge) }
                    }
                }
                frontier = next
            }
        }
    }

    private static func node(_ version: Int64, generation: Int, in db: any Database) throws -> Node {
        let row = try db.first("""
            SELECT m.name, v.digest, v.architecture, v.task, v.headline_name, v.headline_value, v.headline_split,
                   v.headline_dataset
            FROM versions v JOIN models m ON m.id = v.model_id WHERE v.id = ?
            """, [.integer(version)]) { row in
                (name: row.text(0), digest: row.text(1), architecture: row.text(2), task: row.text(3),
                 metric: row.optionalText(4).map {
                     HeadlineMetric(name: $0, value: row.double(5), split: row.text(6), dataset: row.text(7))
                 })
            }
        guard let row else { throw DatabaseError(code: 0, message: "version \(version) vanished during a lineage walk") }
        let tags = try db.query("SELECT tag FROM tags WHERE version_id = ? ORDER BY tag", [.integer(version)]) { $0.text(0) }
        return Node(id: "\(row.name)@\(row.digest)", name: row.name, digest: row.digest, tags: tags,
                    architecture: row.architecture, task: row.task, headlineMetric: row.metric, generation: generation)
    }
}
