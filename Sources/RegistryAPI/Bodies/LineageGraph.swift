/// `GET /v1/models/{namespace}/{name}/lineage` answer: ancestors and descendants of a version as a graph.
public struct LineageGraph: Codable, Sendable {
    /// Which way the walk goes from the root (the `direction` parameter).
    public enum Direction: String, Sendable, CaseIterable {
        /// Ancestors and descendants (the default).
        case both
        /// Parents, grandparents, ...
        case ancestors
        /// Children, grandchildren, ...
        case descendants
    }

    /// One version in the graph.
    public struct Node: Codable, Sendable {
        /// `id`: `name@digest`.
        public var id: String
        /// `name`.
        public var name: String
        /// `digest`.
        public var digest: String
        /// `tags` pointing at it.
        public var tags: [String]
        /// `architecture`.
        public var architecture: String
        /// `task`.
        public var task: String
        /// `headlineMetric`, or null.
        @NullEncoded public var headlineMetric: HeadlineMetric?
        /// `generation`: 0 root, negative ancestors, positive descendants.
        public var generation: Int

        /// A node.
        public init(id: String, name: String, digest: String, tags: [String], architecture: String, task: String,
                    headlineMetric: HeadlineMetric?, generation: Int) {
            self.id = id
            self.name = name
            self.digest = digest
            self.tags = tags
            self.architecture = architecture
            self.task = task
            self.headlineMetric = headlineMetric
            self.generation = generation
        }
    }

    /// One parent-child link.
    public struct Edge: Codable, Sendable {
        /// `parent`: node id.
        public var parent: String
        /// `child`: node id.
        public var child: String
        /// `relation`, e.g. `finetune`.
        public var relation: String
        /// `strategy`, e.g. `top-k`, or null.
        @NullEncoded public var strategy: String?

        /// An edge.
        public init(parent: String, child: String, relation: String, strategy: String?) {
            self.parent = parent
            self.child = child
            self.relation = relation
            self.strategy = strategy
        }
    }

    /// `root`: the id of the version asked about.
    public var root: String
    /// `nodes`, ancestors first.
    public var nodes: [Node]
    /// `edges`.
    public var edges: [Edge]
    /// `truncated`: true when the walk stopped at the server's node cap (more versions are related).
    public var truncated: Bool

    /// A graph.
    public init(root: String, nodes: [Node], edges: [Edge], truncated: Bool) {
        self.root = root
        self.nodes = nodes
        self.edges = edges
        self.truncated = truncated
    }
}
