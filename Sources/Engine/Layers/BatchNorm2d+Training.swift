import EngineKernels

/// BatchNorm2d with batch statistics, and its backward pass.
extension BatchNorm2d {
    /// One pass for the statistics and one for the output; the input is kept unchanged for backward.
    /// With `residual`, the skip tensor of the residual block this norm ends is added before the clamp.
    func forwardTraining(_ input: Tensor, clampingTo bounds: ClosedRange<Float>? = nil, adding residual: Tensor? = nil) -> Tensor {
        let (mean, variance) = BatchNormKernels.meanAndVariance(input)
        let count = Float(input.batchSize * input.height * input.width)
        let inverse = variance.map { 1 / ($0 + epsilon).squareRoot() }
        let gamma = weight.value.values
        let scale = (0..<channels).map { gamma[$0] * inverse[$0] }
        var output = Tensor(uninitializedShape: input.shape)
        BatchNormKernels.affine(input, center: mean, scale: scale, shift: bias.value.values, clampingTo: bounds,
                                adding: residual, into: &output)
        updateRunningStatistics(mean: mean, variance: variance, count: count)
        savedInput = mode == .inference ? nil : input
        savedMean = mean
        savedInverseDeviation = inverse
        savedUsedBatchStatistics = true
        return output
    }

    private func updateRunningStatistics(mean: [Float], variance: [Float], count: Float) {
        let unbiased = count > 1 ? count / (count - 1) : 1
        runningMean.value.withUnsafeMutableBufferPointer { running in
            for c in 0..<channels { running[c] = (1 - momentum) * running[c] + momentum * mean[c] }
        }
        runningVariance.value.withUnsafeMutableBufferPointer { running in
            for c in 0..<channels { running[c] = (1 - momentum) * running[c] + momentum * variance[c] * unbiased }
        }
    }

    /// Backward of this batch norm after the backward of `relu` (the ReLU fused into its forward, or nil):
    /// the ReLU's mask is applied while the gradient is read, in the same two passes.
    func backward(_ outputGradient: consuming Tensor, maskedBy relu: ReLU?) -> Tensor {
        let outputGradient = outputGradient
        let mask = relu.map { relu in
            guard let output = relu.savedOutput else { fatalError("ReLU.backward called without a recorded forward") }
            return output
        }
        let ceiling = relu?.ceiling ?? 0
        let trains = !weight.isFrozen
        var sums = [Float](repeating: 0, count: channels), dotSums = sums
        if trains || savedUsedBatchStatistics {
            guard let input = savedInput else {
                fatalError("BatchNorm2d.backward called without a recorded forward (mode .inference?)")
            }
            let centered: [Float]
            (sums, centered) = BatchNormKernels.gradientSums(outputGradient, input: input, mean: savedMean,
                                                             mask: mask, ceiling: ceiling)
            dotSums = (0..<channels).map { centered[$0] * savedInverseDeviation[$0] }
        }
        if trains {
            weight.gradient.withUnsafeMutableBufferPointer { dw in for c in 0..<channels { dw[c] += dotSums[c] } }
            bias.gradient.withUnsafeMutableBufferPointer { db in for c in 0..<channels { db[c] += sums[c] } }
        }
        let gamma = weight.value.values
        let scale = (0..<channels).map { gamma[$0] * savedInverseDeviation[$0] }
        var inputGradient = outputGradient
        let zeros = [Float](repeating: 0, count: channels)
        if savedUsedBatchStatistics {
            let count = Float(inputGradient.batchSize * inputGradient.height * inputGradient.width)
            BatchNormKernels.inputGradient(
                &inputGradient, input: savedInput, mean: savedMean, scale: scale,
                meanGradient: sums.map { $0 / count },
                deviationScale: (0..<channels).map { scale[$0] * savedInverseDeviation[$0] * dotSums[$0] / count },
                mask: mask, ceiling: ceiling)
        } else {
            BatchNormKernels.inputGradient(
                &inputGradient, input: nil, mean: zeros, scale: scale, meanGradient: zeros, deviationScale: zeros,
                mask: mask, ceiling: ceiling)
        }
        return inputGradient
    }
}
