import Foundation
import RegistryAPI

/// A lineage graph drawn as a text tree from its oldest ancestors down:
///
/// ```
/// efficientnet-lite0-imagenet:latest  3f2a9c01b7e4  accuracy 0.750
/// └── alice/fashion-effnet:latest  9b1c…  finetune/top-k  accuracy 0.912  *
///     └── bob/fashion-small  77aa…  feature-extraction  accuracy 0.880
/// ```
package struct LineageTree {
    let graph: LineageGraph

    /// Columns of indentation after which deeper generations are drawn at the same depth.
    static let maximumIndent = 120

    /// The tree of `graph`.
    package init(_ graph: LineageGraph) { self.graph = graph }

    /// The tree, one node per line. Drawn with an explicit stack, not recursion, and with each
    /// node's children looked up in a table, so a graph thousands of generations deep draws in
    /// linear time without exhausting the thread's stack; a node reached twice is drawn once.
    package var rendered: String {
        let ids = Set(graph.nodes.map(\.id))
        let nodesByID = Dictionary(graph.nodes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let parentOf = Dictionary(graph.edges.map { ($0.child, $0) }, uniquingKeysWith: { first, _ in first })
        var childrenOf: [String: [(LineageGraph.Node, LineageGraph.Edge)]] = [:]
        for edge in graph.edges {
            if let child = nodesByID[edge.child] { childrenOf[edge.parent, default: []].append((child, edge)) }
        }
        let roots = graph.nodes.filter { node in parentOf[node.id].map { !ids.contains($0.parent) } ?? true }
            .sorted { $0.generation == $1.generation ? $0.id < $1.id : $0.generation < $1.generation }
        var lines: [String] = []
        var visited: Set<String> = []
        // Each entry: the node, the edge from its parent, the prefix of its line, its connector.
        var stack: [(LineageGraph.Node, LineageGraph.Edge?, String, String)] = roots.reversed().map {
            ($0, parentOf[$0.id], "", "")
        }
        while let (node, edge, prefix, connector) = stack.popLast() {
            guard visited.insert(node.id).inserted else { continue }
            lines.append(prefix + connector + label(node, edge: edge))
            let children = (childrenOf[node.id] ?? []).sorted { $0.0.id < $1.0.id }
            var childPrefix = prefix + (connector.isEmpty ? "" : (connector == "└── " ? "    " : "│   "))
            // Past `maximumIndent` columns the tree stops moving right, so lines stay bounded.
            if childPrefix.count > Self.maximumIndent { childPrefix = String(childPrefix.suffix(Self.maximumIndent)) }
            for (index, child) in children.enumerated().reversed() {
                stack.append((child.0, child.1, childPrefix, index == children.count - 1 ? "└── " : "├── "))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func label(_ node: LineageGraph.Node, edge: LineageGraph.Edge?) -> String {
        var parts = [node.name + (node.tags.first.map { ":\($0)" } ?? ""),
                     String(node.digest.replacingOccurrences(of: "sha256:", with: "").prefix(12))]
        if let edge {
            // "finetune/top-k"; a relation that names its strategy (feature-extraction) is said once.
            let strategy = edge.strategy == edge.relation ? nil : edge.strategy
            parts.append([edge.relation, strategy].compactMap { $0 }.joined(separator: "/").nonEmptyOrDash)
        }
        if let metric = node.headlineMetric { parts.append(metric.text) }
        if node.id == graph.root { parts.append("*") }
        return parts.joined(separator: "  ").oneLine
    }
}
