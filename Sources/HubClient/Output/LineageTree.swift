import Foundation

/// A lineage graph drawn as a text tree from its oldest ancestors down:
///
/// ```
/// efficientnet-lite0-imagenet:latest  3f2a9c01b7e4  accuracy 0.750
/// └── alice/fashion-effnet:latest  9b1c…  finetune/top-k  accuracy 0.912  *
///     └── bob/fashion-small  77aa…  feature-extraction  accuracy 0.880
/// ```
struct LineageTree {
    let graph: LineageGraph

    init(_ graph: LineageGraph) { self.graph = graph }

    /// The tree, one node per line.
    var rendered: String {
        let ids = Set(graph.nodes.map(\.id))
        let parentOf = Dictionary(graph.edges.map { ($0.child, $0) }, uniquingKeysWith: { first, _ in first })
        let roots = graph.nodes.filter { node in parentOf[node.id].map { !ids.contains($0.parent) } ?? true }
            .sorted { $0.generation == $1.generation ? $0.id < $1.id : $0.generation < $1.generation }
        var lines: [String] = []
        var visited: Set<String> = []
        for root in roots {
            draw(root, edge: parentOf[root.id], prefix: "", connector: "", lines: &lines, visited: &visited)
        }
        return lines.joined(separator: "\n")
    }

    private func draw(_ node: LineageGraph.Node, edge: LineageGraph.Edge?, prefix: String, connector: String,
                      lines: inout [String], visited: inout Set<String>) {
        guard visited.insert(node.id).inserted else { return }
        lines.append(prefix + connector + label(node, edge: edge))
        let children = graph.edges.filter { $0.parent == node.id }
            .compactMap { edge in graph.nodes.first { $0.id == edge.child }.map { ($0, edge) } }
            .sorted { $0.0.id < $1.0.id }
        let childPrefix = prefix + (connector.isEmpty ? "" : (connector == "└── " ? "    " : "│   "))
        for (index, child) in children.enumerated() {
            draw(child.0, edge: child.1, prefix: childPrefix, connector: index == children.count - 1 ? "└── " : "├── ",
                 lines: &lines, visited: &visited)
        }
    }

    private func label(_ node: LineageGraph.Node, edge: LineageGraph.Edge?) -> String {
        var parts = [node.name + ((node.tags ?? []).first.map { ":\($0)" } ?? ""),
                     String(node.digest.replacingOccurrences(of: "sha256:", with: "").prefix(12))]
        if let edge {
            // "finetune/top-k"; a relation that names its strategy (feature-extraction) is said once.
            let strategy = edge.strategy == edge.relation ? nil : edge.strategy
            parts.append([edge.relation, strategy].compactMap { $0 }.joined(separator: "/").nonEmptyOrDash)
        }
        if let metric = node.headlineMetric { parts.append(metric.text) }
        if node.id == graph.root { parts.append("*") }
        return parts.joined(separator: "  ")
    }
}
