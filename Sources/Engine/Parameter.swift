/// A learnable tensor with its accumulated gradient and a frozen flag.
///
/// Layers hold their parameters as `Parameter` objects and list them by name, so optimizers,
/// checkpoint loading and freezing all work on the same objects. Batch-norm running statistics
/// are also `Parameter` objects, but are listed as buffers (`namedBuffers()`) and never trained.
public final class Parameter {
    /// The current value.
    public var value: Tensor {
        didSet { version &+= 1 }  // no oldValue: in-place mutation stays in place (no copy)
    }
    /// Changes whenever `value` is assigned or mutated, so derived data (Winograd-transformed
    /// weights) knows when to recompute.
    public private(set) var version = 0
    /// The gradient accumulated by `backward` since the last `zeroGradient()`.
    public var gradient: Tensor
    /// When true, backward accumulates nothing into `gradient` and optimizers skip it.
    public var isFrozen: Bool

    /// A parameter holding `value`, with a zero gradient of the same shape.
    public init(_ value: Tensor, isFrozen: Bool = false) {
        self.value = value
        self.gradient = Tensor(shape: value.shape)
        self.isFrozen = isFrozen
    }

    /// The shape of the value.
    public var shape: [Int] { value.shape }

    /// Resets the gradient to zero.
    public func zeroGradient() { gradient.fill(0) }
}
