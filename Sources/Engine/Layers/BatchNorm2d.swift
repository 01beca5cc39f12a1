import EngineKernels

/// Batch normalisation over the channels of NCHW input (PyTorch `nn.BatchNorm2d`).
///
/// In `.training` mode on an unfrozen layer it normalises with the batch statistics and updates
/// the running statistics (`running = (1 - momentum) * running + momentum * batch`, unbiased
/// variance, as PyTorch). Otherwise, and always when `weight` is frozen, it uses the running
/// statistics and leaves them untouched, so a frozen layer stays bit-identical.
public final class BatchNorm2d: Layer {
    /// Channel count.
    public let channels: Int
    /// Added to the variance before the square root.
    public let epsilon: Float
    /// Weight of the newest batch in the running statistics (PyTorch convention).
    public let momentum: Float
    /// Scale (gamma), `[C]`, initialised to 1.
    public let weight: Parameter
    /// Shift (beta), `[C]`, initialised to 0.
    public let bias: Parameter
    /// Running mean buffer, `[C]`.
    public let runningMean: Parameter
    /// Running (unbiased) variance buffer, `[C]`.
    public let runningVariance: Parameter
    public var mode: LayerMode = .training

    /// What backward needs: the input itself (xhat = (x - mean) * invstd is recomputed on the fly),
    /// the mean it was centred on and 1/sqrt(var + eps) per channel.
    var savedInput: Tensor?
    var savedMean: [Float] = []
    var savedInverseDeviation: [Float] = []
    var savedUsedBatchStatistics = false

    /// A batch norm with PyTorch's defaults unless given (eps 1e-5, momentum 0.1).
    public init(_ channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.1) {
        self.channels = channels
        self.epsilon = epsilon
        self.momentum = momentum
        weight = Parameter(Tensor(shape: [channels], repeating: 1))
        bias = Parameter(Tensor(shape: [channels], repeating: 0))
        runningMean = Parameter(Tensor(shape: [channels], repeating: 0), isFrozen: true)
        runningVariance = Parameter(Tensor(shape: [channels], repeating: 1), isFrozen: true)
    }

    public var localParameters: [(name: String, parameter: Parameter)] { [("weight", weight), ("bias", bias)] }
    public var localBuffers: [(name: String, parameter: Parameter)] {
        [("running_mean", runningMean), ("running_var", runningVariance)]
    }

    /// Whether the next forward normalises with batch statistics.
    public var usesBatchStatistics: Bool { mode == .training && !weight.isFrozen }

    /// y = (x - mean) / sqrt(var + eps) * gamma + beta per channel, with the batch's statistics
    /// (`forwardTraining`) or the running ones.
    public func forward(_ input: consuming Tensor) -> Tensor {
        forward(input, clampingTo: nil)
    }

    /// With batch statistics: dx = gamma * invstd / M * (M * dy - sum(dy) - xhat * sum(dy * xhat));
    /// with running statistics: dx = dy * gamma * invstd. Parameter gradients: dgamma += sum(dy * xhat),
    /// dbeta += sum(dy), unless frozen (`BatchNorm2d+Training.swift`).
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        backward(outputGradient, maskedBy: nil)
    }

    /// Forward followed by clamping to `bounds` (a fused ReLU / ReLU6) in the same pass; the clamp's
    /// own backward needs the clamped output, which the caller hands to the ReLU (`Executor`).
    func forward(_ input: consuming Tensor, clampingTo bounds: ClosedRange<Float>?) -> Tensor {
        input.requireShape(input.rank == 4 && input.channels == channels, "BatchNorm2d(\(channels))")
        if usesBatchStatistics { return forwardTraining(input, clampingTo: bounds) }
        let (scale, shift) = inferenceScaleShift()
        savedInverseDeviation = inverseDeviations()
        savedUsedBatchStatistics = false
        if mode == .evaluation && !weight.isFrozen {
            // The weight gradient needs xhat: keep the input and write the output beside it.
            savedInput = input
            savedMean = runningMean.value.values
            var output = Tensor(uninitializedShape: input.shape)
            BatchNormKernels.affine(input, center: nil, scale: scale, shift: shift, clampingTo: bounds, into: &output)
            return output
        }
        savedInput = nil
        var output = input
        ChannelKernels.affine(&output, scale: scale, shift: shift, clampingTo: bounds)
        return output
    }

    /// Training forward of the batch norm that ends a residual branch: the block's skip tensor is
    /// added and the sum clamped to `bounds` (the ReLU after the block) in the output pass.
    func forwardTraining(_ input: Tensor, addingResidual skip: Tensor, clampingTo bounds: ClosedRange<Float>) -> Tensor {
        input.requireShape(input.rank == 4 && input.channels == channels, "BatchNorm2d(\(channels))")
        skip.requireShape(skip.shape == input.shape, "Residual add to \(input.shape)")
        precondition(usesBatchStatistics, "forwardTraining(addingResidual:) needs batch statistics")
        return forwardTraining(input, clampingTo: bounds, adding: skip)
    }

    /// Per-channel scale gamma / sqrt(var + eps) and shift beta - mean * scale from running statistics.
    func inferenceScaleShift() -> ([Float], [Float]) {
        let gamma = weight.value.values, beta = bias.value.values
        let mean = runningMean.value.values, inverse = inverseDeviations()
        var scale = [Float](repeating: 0, count: channels), shift = scale
        for c in 0..<channels {
            scale[c] = gamma[c] * inverse[c]
            shift[c] = beta[c] - mean[c] * scale[c]
        }
        return (scale, shift)
    }

    func inverseDeviations() -> [Float] {
        runningVariance.value.values.map { 1 / ($0 + epsilon).squareRoot() }
    }
}
