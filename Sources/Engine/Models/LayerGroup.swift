/// A named run of a network's top-level entries that is frozen, cached and stored together
/// (a manifest weight group), e.g. `stem`, `layer1`, ..., `head`.
public struct LayerGroup: Equatable, Sendable {
    /// The group name (`stem`, `layer3`, `blocks.4`, `head`, ...).
    public var name: String
    /// The state-dict name prefixes of its entries (`conv1`, `bn1`; `layer3`; `_blocks.4`).
    public var prefixes: [String]
    /// The indices of its entries in the network's top-level sequence.
    public var entries: Range<Int>
}
