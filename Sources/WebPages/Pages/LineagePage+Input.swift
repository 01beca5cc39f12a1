import Charts

extension LineagePage {
    /// One version as the registry's lineage walk found it.
    public struct Node: Sendable {
        /// `name@digest`, what edges name.
        public var id: String
        /// The model's name.
        public var name: String
        /// `sha256:…`.
        public var digest: String
        /// The tags pointing at it.
        public var tags: [String]
        /// The architecture variant.
        public var architecture: String
        /// The headline metric's name and value, if any.
        public var metric: (name: String, value: Double)?
        /// 0 the version asked about, negative ancestors, positive descendants.
        public var generation: Int

        /// A node.
        public init(id: String, name: String, digest: String, tags: [String], architecture: String,
                    metric: (name: String, value: Double)?, generation: Int) {
            self.id = id
            self.name = name
            self.digest = digest
            self.tags = tags
            self.architecture = architecture
            self.metric = metric
            self.generation = generation
        }
    }

    /// One parent-child link as the registry stores it.
    public struct Link: Sendable {
        /// The parent's node id.
        public var parent: String
        /// The child's node id.
        public var child: String
        /// `finetune`, `feature-extraction`, ...
        public var relation: String
        /// The strategy, if any.
        public var strategy: String?

        /// A link.
        public init(parent: String, child: String, relation: String, strategy: String?) {
            self.parent = parent
            self.child = child
            self.relation = relation
            self.strategy = strategy
        }
    }

    /// The page for the version `root` (a node id) of the model `name`, from the nodes and links the
    /// registry loaded; `truncated` when it stopped at its cap. The graph draws at most `limits` of them.
    public init(name: String, root: String, nodes: [Node], links: [Link], truncated: Bool,
                limits: LineageGraph.Limits = LineageGraph.Limits(), chrome: PageChrome) {
        let rootNode = nodes.first { $0.id == root }
        let version = rootNode.map(Self.detail) ?? ""
        let graph = LineageGraph(
            root: root,
            nodes: nodes.map { node in
                LineageGraph.Node(id: node.id, name: node.name, detail: Self.detail(node), metric: Self.metric(node),
                                  generation: node.generation, href: Self.path(node))
            },
            edges: links.map { LineageGraph.Edge(parent: $0.parent, child: $0.child, relation: $0.relation, strategy: $0.strategy) },
            limits: limits, moreHref: "#versions", title: "Lineage of \(name) \(version)")
        self.title = "Lineage of \(name)"
        self.chrome = chrome
        self.name = name
        self.version = version
        self.modelPath = rootNode.map(Self.path) ?? SitePath.model(name)
        self.svg = graph.svg()
        self.relatedCount = max(nodes.count - 1, 0)
        self.relatedText = switch relatedCount {
        case 0: "No related versions"
        case 1: "1 related version"
        default: "\(relatedCount) related versions"
        }
        self.foldedCount = graph.layout().hiddenCount
        self.hasFolded = foldedCount > 0
        self.truncated = truncated
        self.generations = Self.generations(nodes: nodes, links: links, root: root)
    }

    /// The list's groups, oldest generation first, each sorted by name then digest.
    static func generations(nodes: [Node], links: [Link], root: String) -> [Generation] {
        var byID: [String: Node] = [:]
        for node in nodes where byID[node.id] == nil { byID[node.id] = node }
        var parentLink: [String: Link] = [:]
        for link in links where parentLink[link.child] == nil { parentLink[link.child] = link }
        let grouped = Dictionary(grouping: byID.values, by: \.generation)
        return grouped.keys.sorted().map { generation in
            let versions = grouped[generation, default: []].sorted { ($0.name, $0.digest) < ($1.name, $1.digest) }.map { node in
                let origin = parentLink[node.id].flatMap { link in
                    byID[link.parent].map { parent in
                        Origin(parentName: parent.name, parentPath: path(parent),
                               relation: LineageGraph.Edge(parent: link.parent, child: link.child, relation: link.relation,
                                                           strategy: link.strategy).label)
                    }
                }
                return Version(name: node.name, path: path(node), lineagePath: SitePath.lineage(node.name, version: node.digest),
                               tags: node.tags.isEmpty ? nil : node.tags.joined(separator: ", "), shortDigest: shortDigest(node.digest),
                               architecture: node.architecture, metric: metric(node), origin: origin, isRoot: node.id == root)
            }
            return Generation(heading: heading(generation), anchor: anchor(generation), versions: versions)
        }
    }

    /// The model page of a node, pinned by digest.
    static func path(_ node: Node) -> String { SitePath.model(node.name, version: node.digest) }

    /// Tags (the first two) or the short digest: the graph box's second line.
    static func detail(_ node: Node) -> String {
        node.tags.isEmpty ? shortDigest(node.digest) : node.tags.prefix(2).map { ":" + $0 }.joined(separator: " ")
    }

    /// `accuracy 0.912`.
    static func metric(_ node: Node) -> String? {
        node.metric.map { "\($0.name) \(SVGText.decimal($0.value, digits: 3))" }
    }

    /// `sha256:` and 12 hex digits.
    static func shortDigest(_ digest: String) -> String { String(digest.prefix(19)) }

    static func heading(_ generation: Int) -> String {
        switch generation {
        case 0: "This version"
        case -1: "Parent"
        case -2: "Grandparent"
        case 1: "Children"
        case 2: "Grandchildren"
        case ..<0: "\(-generation) generations up"
        default: "\(generation) generations down"
        }
    }

    static func anchor(_ generation: Int) -> String {
        generation < 0 ? "generation-up-\(-generation)" : generation == 0 ? "generation-0" : "generation-down-\(generation)"
    }
}
