/// A classifier seen as an ordered chain of stages, each one manifest weight group
/// (`stem`, `layer1`, ..., `head`), the last one the classifier head.
///
/// Fine-tuning strategies are decisions about where the frozen prefix ends: stages before the
/// `boundary` are frozen and run in `.inference` mode (batch-norm statistics untouched, nothing
/// kept for backward), stages from it on are trained. Since the frozen part is always a prefix,
/// backward never has to go through it.
public final class StagedNetwork {
    /// The stages in forward order; the last is the head.
    public private(set) var stages: [NetworkStage]

    /// A network from its stages; each stage's layer names its parameters with full state-dict names.
    public init(stages: [NetworkStage]) {
        precondition(!stages.isEmpty, "a network needs at least a head")
        self.stages = stages
    }

    /// The index of the head stage.
    public var headIndex: Int { stages.count - 1 }

    /// The stages with parameters before the head, last first: the order in which `top-k` and
    /// `gradual` unfreeze blocks.
    public var unfreezableStages: [Int] {
        (0..<headIndex).reversed().filter { !stages[$0].layer.namedParameters().isEmpty }
    }

    /// The first trained stage when the head and the top `blocks` parameterised stages train.
    public func boundary(unfreezingTop blocks: Int) -> Int {
        let candidates = unfreezableStages
        guard blocks > 0, !candidates.isEmpty else { return headIndex }
        let last = candidates[min(blocks, candidates.count) - 1]
        return last
    }

    /// Runs `stages[range]` on `input`.
    public func forward(_ input: Tensor, stages range: Range<Int>) -> Tensor {
        var x = input
        for index in range { x = stages[index].layer.forward(x) }
        return x
    }

    /// Backward through `stages[range]` in reverse, accumulating their gradients.
    @discardableResult
    public func backward(_ outputGradient: Tensor, stages range: Range<Int>) -> Tensor {
        var gradient = outputGradient
        for index in range.reversed() { gradient = stages[index].layer.backward(gradient) }
        return gradient
    }

    /// Freezes the stages before `boundary` (inference mode) and unfreezes the rest.
    public func setBoundary(_ boundary: Int) {
        for (index, stage) in stages.enumerated() {
            if index < boundary {
                stage.layer.freeze()
                stage.layer.setMode(.inference)
            } else {
                stage.layer.unfreeze()
            }
        }
    }

    /// Sets the mode of the trained stages (from `boundary` on).
    public func setTrainedMode(_ mode: LayerMode, from boundary: Int) {
        for index in boundary..<stages.count { stages[index].layer.setMode(mode) }
    }

    /// Puts every batch norm of the trained stages below the head (`boundary..<headIndex`) in
    /// `.evaluation` mode: normalised by the running statistics, which stay as they are, while
    /// scale and shift still receive gradients (`TrainingConfiguration.BatchNormMode.frozen`).
    public func useRunningStatistics(from boundary: Int) {
        for index in boundary..<max(boundary, headIndex) { Self.setBatchNormMode(.evaluation, in: stages[index].layer) }
    }

    private static func setBatchNormMode(_ mode: LayerMode, in layer: any Layer) {
        if let norm = layer as? BatchNorm2d { norm.mode = mode }
        for child in layer.children { setBatchNormMode(mode, in: child.layer) }
    }

    /// Every parameter and buffer of `stages[range]` by full state-dict name.
    public func state(of range: Range<Int>) -> NamedTensors {
        var tensors = NamedTensors()
        for index in range {
            for (name, tensor) in stages[index].layer.stateDict() { tensors.set(tensor, for: name) }
        }
        return tensors
    }

    /// Copies values back into `stages[range]` by name (a snapshot from `state(of:)`).
    public func restore(_ tensors: NamedTensors, stages range: Range<Int>) throws(StateDictError) {
        for index in range {
            let layer = stages[index].layer
            var subset: [String: Tensor] = [:]
            for (name, _) in layer.stateDict() {
                if let tensor = tensors[name] { subset[name] = tensor }
            }
            try layer.load(stateDict: subset)
        }
    }
}

/// One stage of a `StagedNetwork`: a manifest weight group and the layers it holds.
public struct NetworkStage {
    /// The weight group's name in the manifest (`stem`, `layer3`, `head`, ...).
    public var group: String
    /// The layers, whose parameters carry their full state-dict names.
    public var layer: any Layer

    /// A stage.
    public init(group: String, layer: any Layer) {
        self.group = group
        self.layer = layer
    }
}

extension StagedNetwork {
    /// Replaces the head stage's layers (a new classifier), keeping its group name.
    public func replaceHead(_ layer: any Layer) {
        stages[headIndex].layer = layer
    }
}
