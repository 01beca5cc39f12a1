/// Laying a lineage graph out by generation.
extension LineageGraph {
    /// The boxes and lines to draw: one row per generation within `limits` (ancestors on top), each row
    /// ordered so that children sit in the order of their parents (then by name and id: the same graph
    /// always gives the same layout), long rows and far generations folded into "n more" boxes.
    public func layout() -> LineageLayout {
        let rows = self.rows()
        var boxes: [LineageLayout.Box] = []
        let widest = rows.map(\.entries.count).max() ?? 0
        let width = LineageLayout.margin * 2 + Self.rowWidth(widest)
        for (index, row) in rows.enumerated() {
            let y = LineageLayout.margin + Double(index) * (LineageLayout.boxHeight + LineageLayout.rowGap)
            let start = (width - Self.rowWidth(row.entries.count)) / 2
            for (column, content) in row.entries.enumerated() {
                let x = start + Double(column) * (LineageLayout.boxWidth + LineageLayout.columnGap)
                var isRoot = false
                if case let .version(node) = content { isRoot = node.id == root }
                boxes.append(LineageLayout.Box(content: content, generation: row.generation, x: x, y: y, isRoot: isRoot))
            }
        }
        let height = rows.isEmpty ? LineageLayout.margin * 2 : LineageLayout.margin * 2
            + Double(rows.count) * LineageLayout.boxHeight + Double(rows.count - 1) * LineageLayout.rowGap
        return LineageLayout(boxes: boxes, links: links(between: boxes),
                             hiddenCount: rows.reduce(0) { $0 + $1.hidden }, width: width, height: height)
    }

    /// One row of the layout before it is placed.
    struct Row {
        var generation: Int
        var entries: [LineageLayout.Box.Content]
        /// The versions behind this row's "n more" box.
        var hidden: Int
    }

    /// The rows, top to bottom.
    func rows() -> [Row] {
        var seen = Set<String>()
        let unique = nodes.filter { seen.insert($0.id).inserted }
        var parents: [String: String] = [:]
        for edge in edges where parents[edge.child] == nil { parents[edge.child] = edge.parent }
        let reach = limits.generations, perRow = limits.nodesPerGeneration
        let byGeneration = Dictionary(grouping: unique.filter { abs($0.generation) <= reach }, by: \.generation)
        var rows: [Row] = []
        let above = unique.count(where: { $0.generation < -reach }), below = unique.count(where: { $0.generation > reach })
        if above > 0 { rows.append(Row(generation: -reach - 1, entries: [.more(count: above)], hidden: above)) }
        var previous: [String: Int] = [:]
        for generation in byGeneration.keys.sorted() {
            let ordered = byGeneration[generation, default: []].map { node in
                (node, rank: node.id == root ? -1 : generation > 0 ? parents[node.id].flatMap { previous[$0] } ?? Int.max : 0)
            }.sorted { ($0.rank, $0.0.name, $0.0.id) < ($1.rank, $1.0.name, $1.0.id) }.map(\.0)
            let kept = ordered.prefix(perRow), hidden = ordered.count - kept.count
            var entries = kept.map(LineageLayout.Box.Content.version)
            if hidden > 0 { entries.append(.more(count: hidden)) }
            rows.append(Row(generation: generation, entries: entries, hidden: hidden))
            previous = Dictionary(kept.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        }
        if below > 0 { rows.append(Row(generation: reach + 1, entries: [.more(count: below)], hidden: below)) }
        return rows
    }

    /// A line for every edge whose two versions are drawn (each parent-child pair once, the first edge's
    /// label), in box order so that the input's order does not change the drawing.
    private func links(between boxes: [LineageLayout.Box]) -> [LineageLayout.Link] {
        var index: [String: Int] = [:]
        for (position, box) in boxes.enumerated() {
            if case let .version(node) = box.content, index[node.id] == nil { index[node.id] = position }
        }
        var drawn = Set<[Int]>()
        return edges.compactMap { edge in
            guard let from = index[edge.parent], let to = index[edge.child], from != to,
                  drawn.insert([from, to]).inserted else { return nil }
            return LineageLayout.Link(from: from, to: to, label: edge.label)
        }.sorted { ($0.to, $0.from) < ($1.to, $1.from) }
    }

    /// The width of `count` boxes side by side.
    static func rowWidth(_ count: Int) -> Double {
        count == 0 ? 0 : Double(count) * LineageLayout.boxWidth + Double(count - 1) * LineageLayout.columnGap
    }
}
