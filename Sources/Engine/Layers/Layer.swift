/// What a layer does with its forward pass.
public enum LayerMode: Sendable {
    /// Batch statistics, dropout active, and everything backward needs is kept.
    case training
    /// Running statistics and no dropout, but backward still works (for gradient checks and
    /// for training a head on top of a frozen body).
    case evaluation
    /// Running statistics, nothing kept for backward (prediction, feature caching); batch norm and
    /// the activation after it run fused in one pass.
    case inference
}

/// A differentiable operation with explicit forward and backward passes (llm.c style).
///
/// `forward` keeps what `backward` needs (in `.training` and `.evaluation` mode); `backward` takes
/// the loss gradient with respect to the output, adds (`+=`) the gradients of the layer's own
/// unfrozen parameters, and returns the gradient with respect to the input. A layer lists its
/// parameters and sub-layers explicitly, under their PyTorch state-dict names.
public protocol Layer: AnyObject {
    /// Computes the output for `input`, keeping what backward needs unless in `.inference` mode.
    func forward(_ input: consuming Tensor) -> Tensor
    /// Accumulates parameter gradients and returns the gradient with respect to the last input.
    func backward(_ outputGradient: consuming Tensor) -> Tensor
    /// The current mode; set it for a whole tree with `setMode(_:)`.
    var mode: LayerMode { get set }
    /// Sub-layers with their state-dict names (an empty name adds no prefix).
    var children: [(name: String, layer: any Layer)] { get }
    /// This layer's own trainable tensors, by state-dict name (e.g. `weight`, `bias`).
    var localParameters: [(name: String, parameter: Parameter)] { get }
    /// This layer's own non-trained state (batch-norm `running_mean`, `running_var`).
    var localBuffers: [(name: String, parameter: Parameter)] { get }
}

extension Layer {
    /// No sub-layers.
    public var children: [(name: String, layer: any Layer)] { [] }
    /// No parameters.
    public var localParameters: [(name: String, parameter: Parameter)] { [] }
    /// No buffers.
    public var localBuffers: [(name: String, parameter: Parameter)] { [] }
}

/// Joins state-dict name components, skipping empty ones (`"layer1" + "0"` -> `"layer1.0"`).
func joinName(_ prefix: String, _ name: String) -> String {
    if prefix.isEmpty { return name }
    if name.isEmpty { return prefix }
    return prefix + "." + name
}
