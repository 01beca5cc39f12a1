/// A residual connection: y = branch(x) + shortcut(x), with the identity when there is no shortcut.
///
/// The branch's parameters keep their own names under `branchName` (empty: no prefix, as in
/// torchvision's BasicBlock where `conv1` sits directly in the block); the shortcut is listed
/// under `shortcutName` (torchvision's `downsample`).
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

    public func forward(_ input: consuming Tensor) -> Tensor {
        forward(input, clampingTo: nil)
    }

    /// Forward with the sum clamped to `bounds` in the same pass (a fused ReLU after the block).
    func forward(_ input: consuming Tensor, clampingTo bounds: ClosedRange<Float>?) -> Tensor {
        let skip = shortcut?.forward(copy input) ?? copy input
        if mode == .inference, let bounds, let branch = branch as? Sequential {
            return branch.forward(input, addingResidual: skip, clampingTo: bounds)
        }
        if let bounds, let branch = branch as? Sequential, let norm = branch.layers.last?.layer as? BatchNorm2d,
           norm.usesBatchStatistics {
            // Training: the branch's last batch norm adds the skip and clamps in its output pass.
            return branch.forward(input, endingInNorm: norm, addingResidual: skip, clampingTo: bounds)
        }
        var output = branch.forward(input)
        output.requireShape(output.shape == skip.shape, "Residual add with \(skip.shape)")
        Profile.measure("fwd residual add") {
            output.add(skip, clampingTo: bounds ?? -Float.infinity...Float.infinity)
        }
        return output
    }

    /// The gradient flows unchanged into both paths; their input gradients add up.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let skipGradient = shortcut?.backward(copy outputGradient) ?? copy outputGradient
        var inputGradient = branch.backward(outputGradient)
        Profile.measure("bwd residual add") { inputGradient.add(skipGradient, clampingTo: -Float.infinity...Float.infinity) }
        return inputGradient
    }
}
