/// A residual connection: y = branch(x) + shortcut(x), with the identity when there is no shortcut.
///
/// The branch's parameters keep their own names under `branchName` (empty: no prefix, as in
/// torchvision's BasicBlock where `conv1` sits directly in the block); the shortcut is listed
/// under `shortcutName` (torchvision's `downsample`). Inside a `Sequential`, the ReLU after the
/// block and the add can be fused into the branch's last pass (`ExecutionPlan`).
public final class Residual: Layer {
    /// The main path.
    public let branch: any Layer
    /// The name prefix of the main path ("" for none, "conv" for MobileNetV2).
    public let branchName: String
    /// The projection on the skip path, or nil for identity.
    public let shortcut: (any Layer)?
    /// The name of the projection ("downsample" in torchvision ResNets).
    public let shortcutName: String
    public var mode: LayerMode = .training

    /// y = branch(x) + (shortcut?(x) ?? x).
    public init(branch: any Layer, branchName: String = "", shortcut: (any Layer)? = nil,
                shortcutName: String = "downsample") {
        self.branch = branch
        self.branchName = branchName
        self.shortcut = shortcut
        self.shortcutName = shortcutName
    }

    public var children: [(name: String, layer: any Layer)] {
        [(branchName, branch)] + (shortcut.map { [(shortcutName, $0)] } ?? [])
    }

    /// y = branch(x) + shortcut(x).
    public func forward(_ input: consuming Tensor) -> Tensor {
        let skip = shortcut?.forward(copy input) ?? copy input
        var output = branch.forward(input)
        output.requireShape(output.shape == skip.shape, "Residual add with \(skip.shape)")
        output.add(skip)
        return output
    }

    /// The gradient flows unchanged into both paths; their input gradients add up.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let skipGradient = shortcut?.backward(copy outputGradient) ?? copy outputGradient
        var inputGradient = branch.backward(outputGradient)
        inputGradient.add(skipGradient)
        return inputGradient
    }
}
