/// One training or evaluation example: where its image is and which class it belongs to.
public struct LabeledExample: Hashable, Sendable {
    /// A stable name for the example, used for sorting and fingerprints: the path relative to
    /// the data directory (`cat/001.png`), or `<file>#<index>` for a record of an IDX file.
    public var identifier: String
    /// The class index into the data set's `labels`.
    public var label: Int
    /// Where the image comes from.
    public var source: Source

    /// Where an example's pixels are.
    public enum Source: Hashable, Sendable {
        /// An image file (JPEG or PNG) at this absolute path.
        case file(String)
        /// Record `index` of the data set's IDX image file.
        case record(Int)
    }

    /// An example.
    public init(identifier: String, label: Int, source: Source) {
        self.identifier = identifier
        self.label = label
        self.source = source
    }
}
