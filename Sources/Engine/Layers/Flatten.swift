/// Flattens all dimensions after the first: `[N, ...]` -> `[N, product]` (PyTorch `nn.Flatten`).
public final class Flatten: Layer {
    public var mode: LayerMode = .training
    var savedInputShape: [Int] = []

    /// A flatten layer.
    public init() {}

    public func forward(_ input: consuming Tensor) -> Tensor {
        savedInputShape = input.shape
        let batch = input.shape.first ?? 1
        return input.reshapedUnchecked([batch, input.count / max(1, batch)])
    }

    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        outputGradient.reshapedUnchecked(savedInputShape)
    }
}
