/// Running, freezing and training parts of a network by layer group.
extension Network {
    /// The entries of the given groups.
    private func entries(_ groupRange: Range<Int>) -> ArraySlice<(name: String, layer: any Layer)> {
        guard !groupRange.isEmpty else { return [] }
        return body.layers[groups[groupRange.lowerBound].entries.lowerBound..<groups[groupRange.upperBound - 1].entries.upperBound]
    }

    /// Runs only `groupRange`: e.g. `0..<k` computes the features a frozen prefix produces (cacheable
    /// in `.inference` mode), and `k..<groups.count` runs the rest on those features.
    public func forward(_ input: Tensor, groups groupRange: Range<Int>) -> Tensor {
        let run = Sequential(Array(entries(groupRange)))
        run.mode = mode
        return run.forward(input)
    }

    /// Backward through `groupRange` only (after a forward over the same range); returns the
    /// gradient with respect to that range's input.
    public func backward(_ gradient: Tensor, groups groupRange: Range<Int>) -> Tensor {
        var g = gradient
        for (_, layer) in entries(groupRange).reversed() { g = layer.backward(consume g) }
        return g
    }

    /// Backward through the trainable part only: stops below the earliest group that has an
    /// unfrozen parameter, since nothing earlier needs a gradient. Returns that group's input gradient.
    @discardableResult
    public func backwardTrainable(_ gradient: Tensor) -> Tensor {
        backward(gradient, groups: frozenPrefixCount..<groups.count)
    }

    /// The number of leading groups whose parameters are all frozen.
    public var frozenPrefixCount: Int {
        groups.firstIndex { group in
            group.prefixes.contains { prefix in
                namedParameters().contains { matches($0.0, keys: [prefix]) && !$0.1.isFrozen }
            }
        } ?? groups.count
    }

    /// Freezes every parameter of the named groups.
    public func freeze(groups names: [String]) {
        freeze(keys: groups.filter { names.contains($0.name) }.flatMap(\.prefixes))
    }

    /// Unfreezes every parameter of the named groups.
    public func unfreeze(groups names: [String]) {
        unfreeze(keys: groups.filter { names.contains($0.name) }.flatMap(\.prefixes))
    }

    /// Sets the mode of the entries in `groupRange` only (e.g. `.inference` for a frozen prefix).
    public func setMode(_ newMode: LayerMode, groups groupRange: Range<Int>) {
        for (_, layer) in entries(groupRange) { layer.setMode(newMode) }
    }

    /// The parameters of one group with their full names (its manifest weight group).
    public func namedParameters(group name: String) -> [(String, Parameter)] {
        guard let group = groups.first(where: { $0.name == name }) else { return [] }
        return (namedParameters() + namedBuffers()).filter { matches($0.0, keys: group.prefixes) }
    }
}
