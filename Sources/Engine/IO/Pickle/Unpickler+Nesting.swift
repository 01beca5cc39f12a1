/// Bounds on what a pickle may build: nesting depth, no container inside itself, memo size.
///
/// Every container records how deeply containers nest inside it, and a container becomes read-only
/// once it is nested in another. torch.save always fills a container before it nests it, so honest
/// files pass; a crafted one cannot build a cycle (a dict that is its own value, a list containing
/// itself) or a structure deeper than `CheckpointLimits.maximumNesting`, whose release would
/// otherwise recurse once per level and overflow the stack.
extension Unpickler {
    /// The nesting depth of `value`: 0 for plain values, 1 + the deepest item for containers.
    func depth(of value: PickleValue) -> Int {
        switch value {
        case let .tuple(_, depth): return depth
        case let .list(list): return list.depth
        case let .dict(dict): return dict.depth
        default: return 0
        }
    }

    /// A tuple of `items`, which become nested (read-only) containers.
    func makeTuple(_ items: [PickleValue]) throws(CheckpointError) -> PickleValue {
        let depth = try checkedDepth(containing: items, kind: "tuple")
        items.forEach(markNested)
        return .tuple(items, depth: depth)
    }

    /// Checks that `items` may go into `container` (a `kind`), then marks them nested and updates its depth.
    func admit(_ items: [PickleValue], into container: any PickleContainer, kind: String) throws(CheckpointError) {
        if items.contains(where: { isSame($0, container) }) {
            throw fail(.refused, "a \(kind) contains itself (pickle byte \(position)): a cycle through the memo, "
                + "which a state dict never has")
        }
        guard !container.isNested else {
            throw fail(.refused, "a \(kind) is filled at pickle byte \(position) after it was nested in another "
                + "container; torch.save never does that, and it would let a container contain itself")
        }
        container.depth = max(container.depth, try checkedDepth(containing: items, kind: kind))
        items.forEach(markNested)
    }

    /// Stores `value` in memo slot `slot`, within the memo size limit.
    mutating func remember(_ value: PickleValue, at slot: Int) throws(CheckpointError) {
        guard memo[slot] != nil || memo.count < Self.maximumMemoCount else {
            throw fail(.refused, "pickle stores more than \(Self.maximumMemoCount) memo entries (byte \(position)); "
                + "a state dict never needs that many")
        }
        memo[slot] = value
    }

    private func checkedDepth(containing items: [PickleValue], kind: String) throws(CheckpointError) -> Int {
        let depth = 1 + (items.lazy.map(depth(of:)).max() ?? 0)
        let limit = CheckpointLimits.standard.maximumNesting
        guard depth <= limit else {
            throw fail(.refused, "containers are nested more than \(limit) deep (a \(kind) at pickle byte \(position)); "
                + "a state dict is a few levels deep")
        }
        return depth
    }

    private func markNested(_ value: PickleValue) {
        switch value {
        case let .list(list): list.isNested = true
        case let .dict(dict): dict.isNested = true
        default: break
        }
    }

    private func isSame(_ value: PickleValue, _ container: any PickleContainer) -> Bool {
        switch value {
        case let .list(list): return list === container
        case let .dict(dict): return dict === container
        default: return false
        }
    }
}
