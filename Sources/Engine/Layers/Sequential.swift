/// Named sub-layers applied in order (PyTorch `nn.Sequential`, or a module's attributes in order).
///
/// In `.inference` mode a batch norm followed by a ReLU runs as one fused pass.
public final class Sequential: Layer {
    /// The sub-layers with their state-dict names ("0", "1", ... or "conv1", "bn1", ...).
    public private(set) var layers: [(name: String, layer: any Layer)]
    public var mode: LayerMode = .training

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
    }

    public func forward(_ input: consuming Tensor) -> Tensor {
        var x = input
        var index = 0
        while index < layers.count {
            let layer = layers[index].layer
            if let norm = layer as? BatchNorm2d, norm.mode == .inference, !norm.usesBatchStatistics,
               index + 1 < layers.count, let relu = layers[index + 1].layer as? ReLU, relu.mode == .inference {
                x = norm.forward(consume x, clampingTo: 0...relu.ceiling)
                index += 2
                continue
            }
            x = layer.forward(consume x)
            index += 1
        }
        return x
    }

    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        var gradient = outputGradient
        for (_, layer) in layers.reversed() { gradient = layer.backward(consume gradient) }
        return gradient
    }
}
