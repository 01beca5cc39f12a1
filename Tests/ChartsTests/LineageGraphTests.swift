import Charts
import Testing

@Suite("Lineage graph")
struct LineageGraphTests {
    static func node(_ id: String, _ generation: Int, metric: String? = "accuracy 0.9") -> LineageGraph.Node {
        LineageGraph.Node(id: id, name: id, detail: "latest", metric: metric, generation: generation, href: "/models/\(id)")
    }

    static func edge(_ parent: String, _ child: String) -> LineageGraph.Edge {
        LineageGraph.Edge(parent: parent, child: child, relation: "finetune", strategy: "top-k")
    }

    /// base -> mid -> root -> (a, b), a -> a1.
    static let small = LineageGraph(
        root: "root",
        nodes: [node("base", -2), node("mid", -1), node("root", 0), node("b", 1), node("a", 1), node("a1", 2)],
        edges: [edge("base", "mid"), edge("mid", "root"), edge("root", "a"), edge("root", "b"), edge("a", "a1")])

    static func ids(_ layout: LineageLayout) -> [String] {
        layout.boxes.map { box in
            switch box.content {
            case let .version(node): node.id
            case let .more(count): "+\(count)"
            }
        }
    }

    @Test("ancestors above, the version in the middle, descendants below, one row per generation")
    func layoutByGeneration() {
        let layout = Self.small.layout()
        #expect(Self.ids(layout) == ["base", "mid", "root", "a", "b", "a1"])
        let y = Dictionary(uniqueKeysWithValues: zip(Self.ids(layout), layout.boxes.map(\.y)))
        #expect(y["base"]! < y["mid"]! && y["mid"]! < y["root"]! && y["root"]! < y["a"]! && y["a"]! < y["a1"]!)
        #expect(y["a"] == y["b"])
        #expect(layout.boxes.filter(\.isRoot).count == 1 && layout.boxes[2].isRoot)
        #expect(layout.links.count == 5)
        #expect(layout.hiddenCount == 0)
        let boxes = layout.boxes
        #expect(boxes.allSatisfy { $0.x >= 0 && $0.x + LineageLayout.boxWidth <= layout.width && $0.y + LineageLayout.boxHeight <= layout.height })
    }

    @Test("children sit in the order of their parents, then by name")
    func childrenFollowParents() {
        let graph = LineageGraph(
            root: "r",
            nodes: [Self.node("r", 0), Self.node("z", 1), Self.node("y", 1), Self.node("y2", 2), Self.node("z1", 2),
                    Self.node("z0", 2)],
            edges: [Self.edge("r", "z"), Self.edge("r", "y"), Self.edge("z", "z1"), Self.edge("z", "z0"), Self.edge("y", "y2")])
        #expect(Self.ids(graph.layout()) == ["r", "y", "z", "y2", "z0", "z1"])
    }

    @Test("a crowded generation shows at most nodesPerGeneration versions and one 'n more' box")
    func capsNodesPerGeneration() throws {
        let children = (0..<25).map { Self.node(String(format: "child%02d", $0), 1) }
        let graph = LineageGraph(root: "r", nodes: [Self.node("r", 0)] + children.reversed(),
                                 edges: children.map { Self.edge("r", $0.id) },
                                 limits: .init(nodesPerGeneration: 4, generations: 3), moreHref: "#all-versions")
        let layout = graph.layout()
        #expect(Self.ids(layout) == ["r", "child00", "child01", "child02", "child03", "+21"])
        #expect(layout.hiddenCount == 21)
        #expect(layout.links.count == 4, "no line to versions not drawn")
        let svg = graph.svg()
        #expect(svg.contains("<a href=\"#all-versions\">"))
        #expect(try ChartXML.texts(svg, element: "text").contains("21 more"))
    }

    @Test("generations beyond the limit fold into one box above and one below")
    func capsGenerations() throws {
        let chain = (-6...7).map { Self.node("g\($0)", $0) }
        let edges = zip(chain, chain.dropFirst()).map { Self.edge($0.id, $1.id) }
        let graph = LineageGraph(root: "g0", nodes: chain, edges: edges, limits: .init(nodesPerGeneration: 3, generations: 2))
        let layout = graph.layout()
        #expect(Self.ids(layout) == ["+4", "g-2", "g-1", "g0", "g1", "g2", "+5"])
        #expect(layout.hiddenCount == 9)
        #expect(layout.links.count == 4)
        let texts = try ChartXML.texts(graph.svg(), element: "text")
        #expect(texts.contains("older ancestors") && texts.contains("further descendants"))
        #expect(!graph.svg().contains("<a href=\"\"") , "no moreHref: the box is no link")
    }

    @Test("the version itself is always drawn, however small the limits")
    func rootAlwaysShown() {
        let graph = LineageGraph(root: "r", nodes: [Self.node("a", 0), Self.node("r", 0)], edges: [],
                                 limits: .init(nodesPerGeneration: 0, generations: 0))
        #expect(Self.ids(graph.layout()) == ["r", "+1"])
    }

    @Test("the same graph in any input order gives the same bytes")
    func deterministic() {
        var shuffled = Self.small
        shuffled.nodes.reverse()
        shuffled.edges.reverse()
        #expect(shuffled.svg() == Self.small.svg())
        #expect(Self.small.svg() == Self.small.svg())
    }

    @Test("every node is a link to its href; edges carry relation and strategy")
    func linksAndLabels() throws {
        let svg = Self.small.svg()
        let hrefs = try ChartXML.attributes(svg, "href")
        #expect(hrefs == ["/models/base", "/models/mid", "/models/root", "/models/a", "/models/b", "/models/a1"])
        #expect(try ChartXML.texts(svg, element: "text").filter { $0.hasPrefix("finetune · top-k") }.count == 5)
        let plain = LineageGraph.Edge(parent: "a", child: "b", relation: "import", strategy: nil)
        #expect(plain.label == "import")
        #expect(LineageGraph.Edge(parent: "a", child: "b", relation: "top-k", strategy: "top-k").label == "top-k")
    }

    @Test("names, details, metrics, relations, strategies, hrefs and the title are escaped")
    func escapesEverything() throws {
        for hostile in Hostile.strings {
            let nodes = [LineageGraph.Node(id: "p", name: hostile, detail: hostile, metric: hostile, generation: -1, href: hostile),
                         LineageGraph.Node(id: "c", name: "child", detail: "v1", metric: nil, generation: 0, href: "/c?a=1&b=2")]
            let graph = LineageGraph(root: "c", nodes: nodes,
                                     edges: [.init(parent: "p", child: "c", relation: hostile, strategy: hostile)],
                                     moreHref: hostile, title: hostile)
            let svg = graph.svg()
            #expect(!svg.contains("<script") && !svg.contains("]]>") && !svg.contains("\"hi\""))
            #expect(svg.contains("href=\"/c?a=1&amp;b=2\""))
            #expect(try ChartXML.attributes(svg, "aria-label") == [hostile])
            #expect(try ChartXML.attributes(svg, "href").contains(hostile))
            #expect(try ChartXML.attributes(svg, "onload").isEmpty)
            #expect(try ChartXML.texts(svg, element: "title").contains(hostile))
        }
    }

    @Test("long names are shortened in the box and kept whole in its tooltip")
    func longNames() throws {
        let long = String(repeating: "very-long-model-name-", count: 5)
        let graph = LineageGraph(root: "r", nodes: [LineageGraph.Node(id: "r", name: long, detail: "latest", metric: nil,
                                                                      generation: 0, href: "/")], edges: [])
        let svg = graph.svg()
        #expect(try ChartXML.texts(svg, element: "text").contains(String(long.prefix(37)) + "…"))
        #expect(try ChartXML.texts(svg, element: "title").contains("\(long)\nlatest"))
    }

    @Test("thousands of versions lay out quickly and draw a bounded number of boxes")
    func large() {
        let nodes = [Self.node("r", 0)] + (1...5_000).map { Self.node("n\($0)", 1 + $0 % 12) }
        let edges = (1...5_000).map { Self.edge($0 <= 12 ? "r" : "n\($0 - 12)", "n\($0)") }
        let layout = LineageGraph(root: "r", nodes: nodes, edges: edges).layout()
        #expect(layout.boxes.count <= 1 + 4 * 6 + 1)
        #expect(layout.hiddenCount == 5_001 - layout.boxes.filter { if case .version = $0.content { true } else { false } }.count)
    }
}
