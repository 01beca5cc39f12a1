/// The ancestors and descendants of one model version as an SVG graph laid out by generation: ancestors
/// above, the version itself in the middle, descendants below. Each node is a link (its `href` comes
/// from the caller), each edge is labelled with its relation and strategy, and a large tree stays
/// readable: at most `Limits.nodesPerGeneration` nodes per row and `Limits.generations` rows each way,
/// the rest shown as "n more" nodes that link to `moreHref`.
public struct LineageGraph: Sendable, Hashable {
    /// One version.
    public struct Node: Sendable, Hashable {
        /// What edges call it (`name@digest`, say); unique in a graph.
        public var id: String
        /// The model's name, the node's first line.
        public var name: String
        /// A tag or a short digest, the second line.
        public var detail: String
        /// The headline metric as text (`accuracy 0.912`), the third line; nil when it has none.
        public var metric: String?
        /// 0 for the version asked about, -1 its parent, -2 its grandparent, 1 its children, ...
        public var generation: Int
        /// Where clicking the node goes (escaped when drawn).
        public var href: String

        /// A node.
        public init(id: String, name: String, detail: String, metric: String?, generation: Int, href: String) {
            self.id = id
            self.name = name
            self.detail = detail
            self.metric = metric
            self.generation = generation
            self.href = href
        }
    }

    /// One parent-child link.
    public struct Edge: Sendable, Hashable {
        /// The parent's node id.
        public var parent: String
        /// The child's node id.
        public var child: String
        /// How the child was made from the parent (`finetune`, `feature-extraction`, ...).
        public var relation: String
        /// The fine-tuning strategy (`top-k`, ...), if any.
        public var strategy: String?

        /// An edge.
        public init(parent: String, child: String, relation: String, strategy: String?) {
            self.parent = parent
            self.child = child
            self.relation = relation
            self.strategy = strategy
        }

        /// The edge's label: the relation, and the strategy when it says something more.
        public var label: String {
            guard let strategy, !strategy.isEmpty, strategy != relation else { return relation }
            return "\(relation) · \(strategy)"
        }
    }

    /// How much of a large graph is drawn.
    public struct Limits: Sendable, Hashable {
        /// Most versions drawn in one generation; the others become one "n more" node.
        public var nodesPerGeneration: Int
        /// Most generations drawn above and below the version; the others become one "n more" node.
        public var generations: Int

        /// Limits; each at least 1.
        public init(nodesPerGeneration: Int = 5, generations: Int = 4) {
            self.nodesPerGeneration = max(nodesPerGeneration, 1)
            self.generations = max(generations, 1)
        }
    }

    /// The id of the version the graph is about (generation 0).
    public var root: String
    /// The versions; ids should be unique (a repeated id keeps its first node).
    public var nodes: [Node]
    /// The parent-child links; edges naming an unknown or hidden node are not drawn.
    public var edges: [Edge]
    /// How much is drawn.
    public var limits: Limits
    /// Where an "n more" node links (the full list of versions); nil draws it without a link.
    public var moreHref: String?
    /// The SVG's accessible title.
    public var title: String

    /// A graph.
    public init(root: String, nodes: [Node], edges: [Edge], limits: Limits = Limits(), moreHref: String? = nil,
                title: String = "Lineage") {
        self.root = root
        self.nodes = nodes
        self.edges = edges
        self.limits = limits
        self.moreHref = moreHref
        self.title = title
    }
}
