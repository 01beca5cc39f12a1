/// Parameter listing, freezing and mode switching over a layer tree.
extension Layer {
    /// Every parameter in the tree with its full PyTorch state-dict name, in definition order.
    public func namedParameters() -> [(String, Parameter)] {
        var result: [(String, Parameter)] = []
        collect(prefix: "", into: &result, buffers: false)
        return result
    }

    /// Every buffer (batch-norm `running_mean` / `running_var`) with its full state-dict name.
    ///
    /// Buffers are `Parameter` objects that are always frozen: optimizers never see them and only
    /// batch norm in `.training` mode on an unfrozen layer updates them.
    public func namedBuffers() -> [(String, Parameter)] {
        var result: [(String, Parameter)] = []
        collect(prefix: "", into: &result, buffers: true)
        return result
    }

    private func collect(prefix: String, into result: inout [(String, Parameter)], buffers: Bool) {
        for (name, parameter) in buffers ? localBuffers : localParameters {
            result.append((joinName(prefix, name), parameter))
        }
        for (name, child) in children {
            child.collect(prefix: joinName(prefix, name), into: &result, buffers: buffers)
        }
    }

    /// The parameters that are not frozen, with their names: what an optimizer should update.
    public func trainableParameters() -> [(String, Parameter)] {
        namedParameters().filter { !$0.1.isFrozen }
    }

    /// Freezes every parameter whose name starts with one of `keys` (a whole component:
    /// `layer1` matches `layer1.0.conv1.weight`, not `layer10...`); nil freezes everything.
    public func freeze(keys: [String]? = nil) { setFrozen(true, keys: keys) }

    /// Unfreezes every parameter whose name starts with one of `keys`; nil unfreezes everything.
    public func unfreeze(keys: [String]? = nil) { setFrozen(false, keys: keys) }

    /// Freezes every parameter named by or under one of `keys`; with `strict`, a key that names no
    /// parameter throws before anything is frozen (mlx-swift's `freeze(keys:strict:)`).
    public func freeze(keys: [String], strict: Bool) throws(ParameterKeyError) {
        if strict { try requireKnown(keys) }
        setFrozen(true, keys: keys)
    }

    /// Unfreezes every parameter named by or under one of `keys`; with `strict`, a key that names
    /// no parameter throws before anything is unfrozen.
    public func unfreeze(keys: [String], strict: Bool) throws(ParameterKeyError) {
        if strict { try requireKnown(keys) }
        setFrozen(false, keys: keys)
    }

    private func requireKnown(_ keys: [String]) throws(ParameterKeyError) {
        let names = namedParameters().map(\.0)
        let unknown = keys.filter { key in !names.contains { matches($0, keys: [key]) } }
        guard unknown.isEmpty else {
            throw ParameterKeyError(unknownKeys: unknown, topLevelNames: Self.topLevelNames(names))
        }
    }

    private static func topLevelNames(_ names: [String]) -> [String] {
        var seen: [String] = []
        for name in names {
            let first = String(name.prefix { $0 != "." })
            if !seen.contains(first) { seen.append(first) }
        }
        return seen
    }

    private func setFrozen(_ frozen: Bool, keys: [String]?) {
        for (name, parameter) in namedParameters() where matches(name, keys: keys) {
            parameter.isFrozen = frozen
        }
    }

    /// Sets the mode of this layer and all its sub-layers.
    public func setMode(_ newMode: LayerMode) {
        mode = newMode
        for (_, child) in children { child.setMode(newMode) }
    }

    /// Resets every parameter gradient to zero.
    public func zeroGradients() {
        for (_, parameter) in namedParameters() { parameter.zeroGradient() }
    }

    /// The number of scalar parameters (buffers excluded).
    public var parameterCount: Int {
        namedParameters().reduce(0) { $0 + $1.1.value.count }
    }
}

/// Whether `name` equals one of `keys` or lies below one of them; nil matches everything.
func matches(_ name: String, keys: [String]?) -> Bool {
    guard let keys else { return true }
    return keys.contains { key in key.isEmpty || name == key || name.hasPrefix(key + ".") }
}
