/// Named sub-layers applied in order (PyTorch `nn.Sequential`, or a module's attributes in order).
///
/// Forward and backward run through an `ExecutionPlan` (`Execution/`), built once for the layers'
/// current modes: neighbouring layers that can share a pass over memory (a convolution with its
/// batch norm and ReLU, a residual block with the ReLU after it, ...) run as one step, bit-identical
/// to running them one by one.
public final class Sequential: Layer {
    /// The sub-layers with their state-dict names ("0", "1", ... or "conv1", "bn1", ...).
    public private(set) var layers: [(name: String, layer: any Layer)]
    public var mode: LayerMode = .training
    /// The plan for the current modes, and the one the last forward ran.
    let planCache = PlanCache()

    /// A sequence of named layers.
    public init(_ layers: [(name: String, layer: any Layer)]) { self.layers = layers }

    /// A sequence named "0", "1", ... like `nn.Sequential(a, b, c)`.
    public convenience init(indexed layers: [any Layer]) {
        self.init(layers.enumerated().map { (String($0.offset), $0.element) })
    }

    public var children: [(name: String, layer: any Layer)] { layers }

    /// Replaces the layer called `name` (e.g. a classifier) with `layer` under `newName`.
    public func replace(_ name: String, with layer: any Layer, newName: String? = nil) {
        guard let index = layers.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("no layer named \(name)")
        }
        layers[index] = (newName ?? name, layer)
        planCache.invalidate()
    }

    /// x -> layers[0] -> layers[1] -> ..., fused steps as one pass each.
    public func forward(_ input: consuming Tensor) -> Tensor {
        Executor().forward(input, through: self)
    }

    /// The gradient back through the layers in reverse, along the plan the last forward ran.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        Executor().backward(outputGradient, through: self)
    }
}
