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
        forward(input, residual: nil)
    }

    /// Runs the layers, fused steps as one pass each (`Sequential+Fusion.swift`). With `residual`,
    /// the output is then added to `skip` and clamped to `bounds`, inside the last fused step's
    /// output pass when it supports that.
    func forward(_ input: consuming Tensor, residual: (skip: Tensor, bounds: ClosedRange<Float>)?) -> Tensor {
        var x = input
        var index = 0
        while index < layers.count {
            let layer = layers[index].layer
            if let fused = fusedStep(at: index) {
                let start = Profile.begin()
                if let residual, index + fused.length == layers.count, let finish = fused.runAddingResidual {
                    x = finish(consume x, residual.skip, residual.bounds)
                    Profile.end(start, fused.profileName + "+residual+relu")
                    return x
                }
                x = fused.run(consume x)
                Profile.end(start, fused.profileName)
                index += fused.length
                continue
            }
            let start = Profile.begin()
            x = layer.forward(consume x)
            if let name = Self.profileName(layer) { Profile.end(start, "fwd " + name) }
            index += 1
        }
        if let residual {
            x.requireShape(x.shape == residual.skip.shape, "Residual add with \(residual.skip.shape)")
            x.add(residual.skip, clampingTo: residual.bounds)
        }
        return x
    }

    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        var gradient = outputGradient
        var index = layers.count - 1
        while index >= 0 {
            let layer = layers[index].layer
            if index > 0, let relu = layer as? ReLU, let norm = layers[index - 1].layer as? BatchNorm2d,
               norm.fusedReLU === relu {
                // The ReLU's clamp ran in the batch norm's forward; its mask runs in the norm's backward.
                gradient = norm.backward(consume gradient, maskedBy: relu)
                index -= 2
                continue
            }
            let start = Profile.begin()
            gradient = layer.backward(consume gradient)
            if let name = Self.profileName(layer) { Profile.end(start, "bwd " + name) }
            index -= 1
        }
        return gradient
    }

    /// Leaf layers other than convolutions and batch norms (which profile their own parts) by type;
    /// containers are not timed (their children are).
    static func profileName(_ layer: any Layer) -> String? {
        switch layer {
        case is Sequential, is Residual, is Network: return nil
        case is Conv2d: return "(conv total)"
        case is BatchNorm2d: return "(batchnorm total)"
        default: return String(describing: type(of: layer))
        }
    }
}
