import EngineKernels

/// A residual block's forward and backward: y = branch(x) + shortcut(x) (or + x), clamped by the
/// ReLU after the block when the plan fused it, with the add where the plan's ending puts it.
extension Executor {
    func forwardResidual(
        _ input: consuming Tensor, branch: ExecutionPlan, ending: ResidualEnding, shortcut: ExecutionPlan?, relu: ReLU?
    ) -> Tensor {
        let x = input
        let skip: Tensor
        if let shortcut { skip = forward(copy x, shortcut) } else { skip = copy x }
        let bounds = relu.map { 0...$0.ceiling } ?? -Float.infinity...Float.infinity
        switch ending {
        case .afterBranch:
            var output = forward(x, branch)
            output.requireShape(output.shape == skip.shape, "Residual add with \(skip.shape)")
            let start = begin()
            output.add(skip, clampingTo: bounds)
            end(start, "fwd residual add" + (relu == nil ? "" : "+relu"))
            return output
        case .inLastConvolution:
            guard case .convolution(let conv, let norm, .none)? = branch.steps.last else {
                preconditionFailure("a residual ending in a convolution needs a convolution step last")
            }
            let features = forward(x, ExecutionPlan(steps: Array(branch.steps.dropLast())))
            let start = begin()
            let output = forward(features, conv, Self.epilogue(norm, nil), adding: skip, clampingTo: bounds)
            end(start, "fwd " + Self.section(conv) + "+batchnorm+residual+relu")
            return output
        case .inLastNorm(let norm):
            let features = forward(x, branch)
            let start = begin()
            let output = norm.forwardTraining(features, addingResidual: skip, clampingTo: bounds)
            end(start, "fwd batchnorm+residual+relu (training)")
            return output
        }
    }

    /// `conv` with `epilogue`, the skip tensor added and the sum clamped in the same output pass.
    private func forward(
        _ input: Tensor, _ conv: Conv2d, _ epilogue: ConvEpilogue, adding skip: Tensor,
        clampingTo bounds: ClosedRange<Float>
    ) -> Tensor {
        let g = conv.padding.geometry(inputHeight: input.height, inputWidth: input.width, kernel: conv.kernelSize,
                                      stride: conv.stride)
        skip.requireShape(skip.shape == [input.batchSize, conv.outChannels, g.outputHeight, g.outputWidth],
                          "Residual add to \(conv.outChannels) channels of \(g.outputHeight)x\(g.outputWidth)")
        return skip.withUnsafeBufferPointer { skipValues in
            var withSkip = epilogue
            (withSkip.residual, withSkip.low, withSkip.high) = (skipValues.baseAddress!, bounds.lowerBound, bounds.upperBound)
            return conv.forward(input, then: withSkip)
        }
    }

    /// The ReLU's mask first, then the gradient flows unchanged into both paths and their input
    /// gradients add up.
    func backwardResidual(
        _ outputGradient: consuming Tensor, branch: ExecutionPlan, ending: ResidualEnding, shortcut: ExecutionPlan?,
        relu: ReLU?
    ) -> Tensor {
        var gradient = outputGradient
        if let relu {
            let start = begin()
            gradient = relu.backward(consume gradient)
            end(start, "bwd ReLU")
        }
        let skipGradient: Tensor
        if let shortcut { skipGradient = backward(copy gradient, shortcut) } else { skipGradient = copy gradient }
        if case .inLastNorm(let norm) = ending {
            let start = begin()
            gradient = norm.backward(consume gradient)
            end(start, "bwd batchnorm")
        }
        var inputGradient = backward(consume gradient, branch)
        let start = begin()
        inputGradient.add(skipGradient, clampingTo: -Float.infinity...Float.infinity)
        end(start, "bwd residual add")
        return inputGradient
    }
}
