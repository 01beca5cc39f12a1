/// A `Sequential`'s execution plan, kept until something it was built from changes.
///
/// A plan depends on the layers of the whole subtree (which objects, in which order), their modes
/// and whether each batch norm is frozen (a frozen one normalises with running statistics). The key
/// records exactly that, so reading it costs one walk over the layers, far less than one kernel.
final class PlanCache {
    private var key: [Int] = []
    private var plan: ExecutionPlan?
    /// The plan the last forward ran, which its backward must follow.
    var lastForward: ExecutionPlan?

    /// The plan for `sequence` as its layers stand now.
    func plan(for sequence: Sequential) -> ExecutionPlan {
        let current = Self.key(of: sequence)
        if let plan, current == key { return plan }
        let fresh = ExecutionPlan(layers: sequence.layers)
        (key, plan) = (current, fresh)
        return fresh
    }

    /// Forgets the plan (after a layer was replaced).
    func invalidate() { (key, plan, lastForward) = ([], nil, nil) }

    private static func key(of layer: any Layer) -> [Int] {
        var key: [Int] = []
        append(layer, to: &key)
        return key
    }

    private static func append(_ layer: any Layer, to key: inout [Int]) {
        key.append(Int(bitPattern: ObjectIdentifier(layer)))
        let frozen = (layer as? BatchNorm2d)?.weight.isFrozen == true ? 4 : 0
        switch layer.mode {
        case .training: key.append(frozen)
        case .evaluation: key.append(frozen + 1)
        case .inference: key.append(frozen + 2)
        }
        for (_, child) in layer.children { append(child, to: &key) }
    }
}
