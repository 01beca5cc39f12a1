import EngineKernels

/// The batch-norm kernels on tensors: the buffers and their layout handed to `EngineKernels`.
extension BatchNormKernels {
    /// Per-channel mean and biased variance of `tensor`.
    static func meanAndVariance(_ tensor: Tensor) -> ([Float], [Float]) {
        tensor.withUnsafeBufferPointer { meanAndVariance($0.baseAddress!, tensor.channelPlanes) }
    }

    /// output = (x - center[c]) * scale[c] + shift[c] (+ residual), clamped to `bounds` when given.
    static func affine(
        _ input: Tensor, center: [Float]?, scale: [Float], shift: [Float], clampingTo bounds: ClosedRange<Float>?,
        adding residual: Tensor? = nil, into output: inout Tensor
    ) {
        precondition(output.count == input.count && (residual?.count ?? input.count) == input.count,
                     "batch-norm affine: \(input.shape), output \(output.shape), residual \(residual?.shape ?? [])")
        let layout = input.channelPlanes
        input.withUnsafeBufferPointer { x in
            withOptionalPointer(residual) { skip in
                output.withUnsafeMutableBufferPointer { y in
                    affine(x.baseAddress!, layout, center: center, scale: scale, shift: shift, clampingTo: bounds,
                           adding: skip, into: y.baseAddress!)
                }
            }
        }
    }

    /// Per-channel sum(dy) and sum(dy * (x - mean[c])), dy masked by `mask` when given.
    static func gradientSums(
        _ gradient: Tensor, input: Tensor, mean: [Float], mask: Tensor?, ceiling: Float
    ) -> ([Float], [Float]) {
        precondition(input.count == gradient.count && (mask?.count ?? gradient.count) == gradient.count,
                     "batch-norm gradient sums: \(gradient.shape), input \(input.shape)")
        return gradient.withUnsafeBufferPointer { dy in
            input.withUnsafeBufferPointer { x in
                withOptionalPointer(mask) { mask in
                    gradientSums(dy.baseAddress!, gradient.channelPlanes, input: x.baseAddress!, mean: mean, mask: mask,
                                 ceiling: ceiling)
                }
            }
        }
    }

    /// The input gradient, in place on `gradient` (see the buffer version).
    static func inputGradient(
        _ gradient: inout Tensor, input: Tensor?, mean: [Float], scale: [Float], meanGradient: [Float],
        deviationScale: [Float], mask: Tensor?, ceiling: Float
    ) {
        precondition((input?.count ?? gradient.count) == gradient.count && (mask?.count ?? gradient.count) == gradient.count,
                     "batch-norm input gradient: \(gradient.shape)")
        let layout = gradient.channelPlanes
        withOptionalPointer(input) { x in
            withOptionalPointer(mask) { mask in
                gradient.withUnsafeMutableBufferPointer { dy in
                    inputGradient(dy.baseAddress!, layout, input: x, mean: mean, scale: scale, meanGradient: meanGradient,
                                  deviationScale: deviationScale, mask: mask, ceiling: ceiling)
                }
            }
        }
    }
}

extension ChannelKernels {
    /// x = x * scale[c] + shift[c], clamped to `bounds` when given; in place when unshared.
    static func affine(_ tensor: inout Tensor, scale: [Float], shift: [Float], clampingTo bounds: ClosedRange<Float>?) {
        let layout = tensor.channelPlanes
        tensor.withUnsafeMutableBufferPointer { affine($0.baseAddress!, layout, scale: scale, shift: shift, clampingTo: bounds) }
    }
}
