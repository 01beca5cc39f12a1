extension TimmImport {
    /// The layer groups, in order, each with its tensors' hub names: the parent's groups when the
    /// parent has exactly these tensors (same architecture), else the engine's groups for a known
    /// architecture, else one group per top-level name prefix in file order.
    func grouping(_ tensors: Tensors) throws(HuggingFaceError) -> [(group: String, names: [String])] {
        if let parent, Set(parent.manifest.weights.flatMap(\.parameters)) == Set(tensors.order),
           parent.manifest.weights.allSatisfy({ !$0.parameters.isEmpty }) {
            return parent.manifest.weights.map { ($0.group, $0.parameters) }
        }
        if let known = knownArchitecture, let order = EngineWeightGroups.groupNames(variant: known.variant) {
            var members: [String: [String]] = [:]
            for name in tensors.order {
                members[EngineWeightGroups.group(of: name, variant: known.variant)!, default: []].append(name)
            }
            return order.compactMap { group in members[group].map { (group, $0) } }
        }
        var order: [String] = []
        var members: [String: [String]] = [:]
        for name in tensors.order {
            let prefix = String(name.prefix { $0 != "." })
            if members[prefix] == nil { order.append(prefix) }
            members[prefix, default: []].append(name)
        }
        return order.map { ($0, members[$0]!) }
    }
}
