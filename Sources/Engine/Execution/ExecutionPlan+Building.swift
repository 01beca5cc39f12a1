/// The fusion rules: which neighbouring layers of a `Sequential` run as one step, decided from
/// their current modes. Only layers in the same `Sequential` fuse.
///
/// - Inference: a convolution with the batch norm (and ReLU) after it, in the convolution's output
///   pass; a batch norm with its ReLU; a residual block with the ReLU after it (the add and the
///   clamp in the branch's last convolution pass when it ends in a convolution and batch norm).
/// - Training and evaluation: a batch norm with its ReLU (the ReLU's backward inside the norm's);
///   a residual block with the ReLU after it (the add and the clamp in the output pass of the
///   branch's last batch norm when it normalises with batch statistics).
extension ExecutionPlan {
    /// The plan for `layers` run in order.
    init(layers: [(name: String, layer: any Layer)]) {
        self.init(steps: Self.steps(layers.map(\.layer), stoppingBeforeLast: false))
    }

    /// The plan for one layer: its own steps for a `Sequential`, one step otherwise.
    init(layer: any Layer) {
        self.init(steps: [Self.single(layer)])
    }

    /// The steps for `layers`; with `stoppingBeforeLast`, the last layer is left out and no fused
    /// step takes it in (the residual ending runs it).
    private static func steps(_ layers: [any Layer], stoppingBeforeLast: Bool) -> [ExecutionStep] {
        var steps: [ExecutionStep] = []
        var index = 0
        let end = stoppingBeforeLast ? layers.count - 1 : layers.count
        while index < end {
            if let found = fused(layers, at: index), !stoppingBeforeLast || index + found.length < layers.count {
                steps.append(found.step)
                index += found.length
            } else {
                steps.append(single(layers[index]))
                index += 1
            }
        }
        return steps
    }

    /// A layer on its own: containers get their own plans.
    private static func single(_ layer: any Layer) -> ExecutionStep {
        if let sequence = layer as? Sequential { return .sequence(sequence, ExecutionPlan(layers: sequence.layers)) }
        if let residual = layer as? Residual { return residualStep(residual, relu: nil) }
        return .layer(layer)
    }

    /// The fused step starting at `index` and the number of layers it covers, or nil.
    private static func fused(_ layers: [any Layer], at index: Int) -> (step: ExecutionStep, length: Int)? {
        let layer = layers[index]
        guard layer.mode == .inference else { return fusedTraining(layers, at: index) }
        let norm = inferenceNorm(layers, at: index + 1)
        let relu = inferenceReLU(layers, at: index + (norm == nil ? 1 : 2))
        if let conv = layer as? Conv2d, let norm {
            return (.convolution(conv, norm: norm, relu: relu), relu == nil ? 2 : 3)
        }
        if let norm = layer as? BatchNorm2d, !norm.usesBatchStatistics, let relu = inferenceReLU(layers, at: index + 1) {
            return (.normalization(norm, relu: relu, keepsForBackward: false), 2)
        }
        if let residual = layer as? Residual, let relu = inferenceReLU(layers, at: index + 1) {
            return (residualStep(residual, relu: relu), 2)
        }
        return nil
    }

    /// Outside inference mode: a batch norm, or a residual block, and the ReLU after it.
    private static func fusedTraining(_ layers: [any Layer], at index: Int) -> (step: ExecutionStep, length: Int)? {
        guard index + 1 < layers.count, let relu = layers[index + 1] as? ReLU, relu.mode != .inference else { return nil }
        if let residual = layers[index] as? Residual { return (residualStep(residual, relu: relu), 2) }
        guard let norm = layers[index] as? BatchNorm2d else { return nil }
        return (.normalization(norm, relu: relu, keepsForBackward: true), 2)
    }

    /// A residual block, followed by `relu` or not, with the add placed in the branch's last pass
    /// where the branch's modes allow it.
    private static func residualStep(_ residual: Residual, relu: ReLU?) -> ExecutionStep {
        let shortcut = residual.shortcut.map { ExecutionPlan(layer: $0) }
        guard relu != nil, let branch = residual.branch as? Sequential else {
            return .residual(residual, branch: ExecutionPlan(layer: residual.branch), ending: .afterBranch,
                             shortcut: shortcut, relu: relu)
        }
        let layers = branch.layers.map(\.layer)
        if residual.mode == .inference {
            let plan = ExecutionPlan(layers: branch.layers)
            var ending = ResidualEnding.afterBranch
            if case .convolution(_, _, .none)? = plan.steps.last { ending = .inLastConvolution }
            return .residual(residual, branch: plan, ending: ending, shortcut: shortcut, relu: relu)
        }
        if let norm = layers.last as? BatchNorm2d, norm.usesBatchStatistics {
            let plan = ExecutionPlan(steps: steps(layers, stoppingBeforeLast: true))
            return .residual(residual, branch: plan, ending: .inLastNorm(norm), shortcut: shortcut, relu: relu)
        }
        return .residual(residual, branch: ExecutionPlan(layer: branch), ending: .afterBranch, shortcut: shortcut,
                         relu: relu)
    }

    /// The batch norm at `index` if it runs on running statistics in inference mode.
    private static func inferenceNorm(_ layers: [any Layer], at index: Int) -> BatchNorm2d? {
        guard index < layers.count, let norm = layers[index] as? BatchNorm2d, norm.mode == .inference,
              !norm.usesBatchStatistics else { return nil }
        return norm
    }

    /// The ReLU at `index` if it is in inference mode.
    private static func inferenceReLU(_ layers: [any Layer], at index: Int) -> ReLU? {
        guard index < layers.count, let relu = layers[index] as? ReLU, relu.mode == .inference else { return nil }
        return relu
    }
}
