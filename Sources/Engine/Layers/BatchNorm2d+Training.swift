/// BatchNorm2d with batch statistics, and its backward pass.
extension BatchNorm2d {
    func forwardTraining(_ input: Tensor, clampingTo bounds: ClosedRange<Float>? = nil) -> Tensor {
        let (mean, variance) = ChannelKernels.meanAndVariance(input)
        let count = Float(input.batchSize * input.height * input.width)
        let inverse = variance.map { 1 / ($0 + epsilon).squareRoot() }
        var normalized = input
        var output = Tensor(uninitializedShape: input.shape)
        ChannelKernels.normalize(&normalized, scale: inverse, shift: zip(mean, inverse).map { -$0 * $1 },
                                 thenAffine: weight.value.values, bias.value.values, clampingTo: bounds, into: &output)
        updateRunningStatistics(mean: mean, variance: variance, count: count)
        savedNormalized = mode == .inference ? nil : normalized
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

    /// With batch statistics: dx = gamma * invstd / M * (M * dy - sum(dy) - xhat * sum(dy * xhat));
    /// with running statistics: dx = dy * gamma * invstd. Parameter gradients: dgamma += sum(dy * xhat),
    /// dbeta += sum(dy), unless frozen.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        let start = Profile.begin()
        defer { Profile.end(start, "bwd batchnorm") }
        let trains = !weight.isFrozen
        var sums = [Float](repeating: 0, count: channels), dotSums = sums
        if trains || savedUsedBatchStatistics {
            guard let normalized = savedNormalized else {
                fatalError("BatchNorm2d.backward called without a recorded forward (mode .inference?)")
            }
            (sums, dotSums) = ChannelKernels.sumAndDot(outputGradient, normalized)
        }
        if trains {
            weight.gradient.withUnsafeMutableBufferPointer { dw in for c in 0..<channels { dw[c] += dotSums[c] } }
            bias.gradient.withUnsafeMutableBufferPointer { db in for c in 0..<channels { db[c] += sums[c] } }
        }
        let gamma = weight.value.values
        let scale = (0..<channels).map { gamma[$0] * savedInverseDeviation[$0] }
        var inputGradient = outputGradient
        if savedUsedBatchStatistics, let normalized = savedNormalized {
            let count = Float(inputGradient.batchSize * inputGradient.height * inputGradient.width)
            ChannelKernels.batchNormInputGradient(
                &inputGradient, normalized: normalized, scale: scale,
                meanGradient: sums.map { $0 / count }, meanDot: dotSums.map { $0 / count })
        } else {
            ChannelKernels.affine(&inputGradient, scale: scale, shift: [Float](repeating: 0, count: channels),
                                  clampingTo: nil)
        }
        return inputGradient
    }
}
