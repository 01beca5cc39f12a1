import Charts

/// `/lineage/NAME`: the ancestors and descendants of one version, as an SVG graph laid out by generation
/// (Charts' `LineageGraph`: each node a link to its model page, each edge with relation and strategy,
/// large trees folded into "n more") and as an HTML list of the same versions, grouped by generation,
/// which needs no SVG and lists every version the graph folded away.
public struct LineagePage: WebPage {
    /// `Templates/lineage.mustache`.
    public static let template = "lineage"

    /// "Lineage of NAME".
    public let title: String
    /// The layout's parts.
    public let chrome: PageChrome
    /// The model's name, as the heading shows it.
    public let name: String
    /// The version asked about: its tags, or its short digest.
    public let version: String
    /// The model page of that version.
    public let modelPath: String
    /// The graph as SVG: hub's own markup, every user string in it escaped by Charts.
    public let svg: String
    /// Versions related to this one (the version itself not counted).
    public let relatedCount: Int
    /// "3 related versions", "1 related version", "No related versions".
    public let relatedText: String
    /// Versions the graph folded into "n more" boxes; the list below shows them all.
    public let foldedCount: Int
    /// True when the graph folded some versions away.
    public let hasFolded: Bool
    /// True when the registry stopped at its cap of versions per lineage (more are related).
    public let truncated: Bool
    /// The list: one group per generation, oldest first.
    public let generations: [Generation]

    /// One generation in the list.
    public struct Generation: Sendable {
        /// "Parent", "This version", "Grandchildren", ...
        public let heading: String
        /// The list's anchor for this generation (the "n more" boxes link to the list).
        public let anchor: String
        /// Its versions, by name and digest.
        public let versions: [Version]
    }

    /// One version in the list.
    public struct Version: Sendable {
        /// The model's name.
        public let name: String
        /// Its model page, pinned by digest.
        public let path: String
        /// Its lineage page.
        public let lineagePath: String
        /// Its tags, comma-separated; nil without tags.
        public let tags: String?
        /// `sha256:` and the first 12 hex digits.
        public let shortDigest: String
        /// The architecture variant.
        public let architecture: String
        /// The headline metric as text (`accuracy 0.912`), if any.
        public let metric: String?
        /// How it was made from its parent, if the parent is in the graph.
        public let origin: Origin?
        /// True for the version the page is about.
        public let isRoot: Bool
    }

    /// A version's parent and the edge from it.
    public struct Origin: Sendable {
        /// The parent's model name.
        public let parentName: String
        /// The parent's model page, pinned by digest.
        public let parentPath: String
        /// The relation, and the strategy when it says more (`finetune · top-k`).
        public let relation: String
    }
}
