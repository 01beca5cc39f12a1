import EngineKernels

/// The forward of each kind of step.
extension Executor {
    func forward(_ input: consuming Tensor, _ step: ExecutionStep) -> Tensor {
        var x = input
        switch step {
        case .layer(let layer):
            let start = begin()
            x = layer.forward(consume x)
            end(start, "fwd " + Self.section(layer))
            return x
        case .sequence(_, let plan):
            return forward(consume x, plan)
        case .convolution(let conv, let norm, let relu):
            let start = begin()
            x = conv.forward(consume x, then: Self.epilogue(norm, relu))
            end(start, "fwd " + Self.section(conv) + "+batchnorm" + (relu == nil ? "" : "+relu"))
            return x
        case .normalization(let norm, let relu, let keepsForBackward):
            let start = begin()
            x = norm.forward(consume x, clampingTo: 0...relu.ceiling)
            if keepsForBackward { relu.savedOutput = x }
            end(start, "fwd batchnorm+relu" + (keepsForBackward ? " (training)" : ""))
            return x
        case .residual(_, let branch, let ending, let shortcut, let relu):
            x = forwardResidual(consume x, branch: branch, ending: ending, shortcut: shortcut, relu: relu)
            if let relu, relu.mode != .inference { relu.savedOutput = x }
            return x
        }
    }

    /// The output pass of an inference convolution followed by `norm` (and `relu`).
    static func epilogue(_ norm: BatchNorm2d, _ relu: ReLU?) -> ConvEpilogue {
        let (scale, shift) = norm.inferenceScaleShift()
        var epilogue = ConvEpilogue(scale: scale, shift: shift)
        if let relu { (epilogue.low, epilogue.high) = (0, relu.ceiling) }
        return epilogue
    }

    /// A profile section's name for a layer run on its own (`conv 3x3/2`, `batchnorm`, `ReLU`).
    static func section(_ layer: any Layer) -> String {
        switch layer {
        case let conv as Conv2d:
            let k = conv.kernelSize
            return "conv \(k)x\(k)" + (conv.stride > 1 ? "/\(conv.stride)" : "") + (conv.isDepthwise ? " dw" : "")
        case is BatchNorm2d: return "batchnorm"
        default: return String(describing: type(of: layer))
        }
    }
}
