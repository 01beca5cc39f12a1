/// Where a `LineageGraph`'s boxes and lines go: rows by generation, top to bottom, each row centred.
public struct LineageLayout: Sendable, Hashable {
    /// One drawn box: a version, or an "n more" placeholder for versions left out.
    public struct Box: Sendable, Hashable {
        /// What the box stands for.
        public enum Content: Sendable, Hashable {
            /// A version of the graph.
            case version(LineageGraph.Node)
            /// `count` versions not drawn (the rest of a generation, or generations beyond the limit).
            case more(count: Int)
        }

        /// What the box stands for.
        public var content: Content
        /// The generation of its row (for generations beyond the limit: the first one left out).
        public var generation: Int
        /// The left edge.
        public var x: Double
        /// The top edge.
        public var y: Double
        /// True for the version the graph is about.
        public var isRoot: Bool
    }

    /// A line from a parent's box to a child's box, labelled with the edge.
    public struct Link: Sendable, Hashable {
        /// The parent's index in `boxes`.
        public var from: Int
        /// The child's index in `boxes`.
        public var to: Int
        /// The relation and strategy.
        public var label: String
    }

    /// The boxes, row by row, left to right.
    public var boxes: [Box]
    /// The lines between boxes that are both drawn.
    public var links: [Link]
    /// How many versions are behind "n more" boxes.
    public var hiddenCount: Int
    /// The drawing's size.
    public var width: Double, height: Double

    /// A box's size and the gaps around it.
    public static let boxWidth = 290.0, boxHeight = 62.0, columnGap = 24.0, rowGap = 48.0, margin = 16.0
}
