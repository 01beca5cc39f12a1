/// Loading and exporting PyTorch-style state dicts by name.
extension Layer {
    /// Parameters then buffers, by state-dict name, in definition order.
    ///
    /// `num_batches_tracked` is not kept: PyTorch only uses it when batch-norm momentum is None.
    public func stateDict() -> [(String, Tensor)] {
        (namedParameters() + namedBuffers()).map { ($0.0, $0.1.value) }
    }

    /// Copies every tensor of `stateDict` into the parameter or buffer of the same name.
    ///
    /// Checks everything first and changes nothing unless all names and shapes fit; throws one
    /// error listing all missing, unexpected and mis-shaped names. Keys ending in
    /// `num_batches_tracked` are accepted and ignored.
    public func load(stateDict: [String: Tensor]) throws(StateDictError) {
        let targets = namedParameters() + namedBuffers()
        var error = StateDictError(missing: [], unexpected: [], mismatched: [])
        var known = Set<String>()
        for (name, parameter) in targets {
            known.insert(name)
            guard let tensor = stateDict[name] else { error.missing.append(name); continue }
            if tensor.shape != parameter.shape {
                error.mismatched.append(.init(name: name, expected: parameter.shape, actual: tensor.shape))
            }
        }
        error.unexpected = stateDict.keys
            .filter { !known.contains($0) && !$0.hasSuffix("num_batches_tracked") }
            .sorted()
        guard error.missing.isEmpty, error.unexpected.isEmpty, error.mismatched.isEmpty else { throw error }
        for (name, parameter) in targets {
            parameter.value = stateDict[name]!
        }
    }
}
