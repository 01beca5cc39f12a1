/// Per-channel loops over NCHW tensors (batch norm and friends), split over channels across cores.
enum ChannelKernels {
    /// x = x * scale[c] + shift[c], then clamped to `bounds` when given; in place when unshared.
    static func affine(_ tensor: inout Tensor, scale: [Float], shift: [Float], clampingTo bounds: ClosedRange<Float>?) {
        let batch = tensor.batchSize, channels = tensor.channels, plane = tensor.count / max(1, batch * channels)
        let low = bounds?.lowerBound ?? -.infinity, high = bounds?.upperBound ?? .infinity
        tensor.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            Parallel.forEachChunk(batch * channels, minimumPerWorker: max(1, 4096 / max(1, plane))) { planes in
                for index in planes {
                    let a = scale[index % channels], b = shift[index % channels]
                    let row = base + index * plane
                    if bounds == nil {
                        for i in 0..<plane { row[i] = row[i] * a + b }
                    } else {
                        for i in 0..<plane { row[i] = row[i] * a + b }
                        Elementwise.clamp(row, plane, low: low, high: high)
                    }
                }
            }
        }
    }

    /// In one pass: x = x * scale[c] + shift[c] in place (the normalised input backward needs), and
    /// output = x * gamma[c] + beta[c], clamped to `bounds` when given (the same operations as two
    /// `affine` calls and a ReLU, so the same bits).
    static func normalize(
        _ tensor: inout Tensor, scale: [Float], shift: [Float], thenAffine gamma: [Float], _ beta: [Float],
        clampingTo bounds: ClosedRange<Float>?, into output: inout Tensor
    ) {
        let low = bounds?.lowerBound ?? -.infinity, high = bounds?.upperBound ?? .infinity
        let batch = tensor.batchSize, channels = tensor.channels, plane = tensor.count / max(1, batch * channels)
        tensor.withUnsafeMutableBufferPointer { buffer in
            output.withUnsafeMutableBufferPointer { target in
                let base = buffer.baseAddress!, out = target.baseAddress!
                Parallel.forEachChunk(batch * channels, minimumPerWorker: max(1, 4096 / max(1, plane))) { planes in
                    for index in planes {
                        let c = index % channels
                        let a = scale[c], b = shift[c], g = gamma[c], bb = beta[c]
                        let row = base + index * plane, y = out + index * plane
                        for i in 0..<plane {
                            let normalized = row[i] * a + b
                            row[i] = normalized
                            y[i] = normalized * g + bb
                        }
                        if bounds != nil { Elementwise.clamp(y, plane, low: low, high: high) }
                    }
                }
            }
        }
    }

    /// Per-channel mean and biased variance over batch, height and width.
    static func meanAndVariance(_ tensor: Tensor) -> ([Float], [Float]) {
        let batch = tensor.batchSize, channels = tensor.channels, plane = tensor.count / max(1, batch * channels)
        let count = Float(batch * plane)
        var mean = [Float](repeating: 0, count: channels), variance = mean
        tensor.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            mean.withUnsafeMutableBufferPointer { meanOut in
                variance.withUnsafeMutableBufferPointer { varianceOut in
                    Parallel.forEachChunk(channels) { range in
                        for c in range {
                            var total: Float = 0
                            for n in 0..<batch { total += Reductions.sum(base + (n * channels + c) * plane, plane) }
                            let m = total / count
                            var squares: Float = 0
                            for n in 0..<batch {
                                squares += Reductions.squaredDeviation(base + (n * channels + c) * plane, plane, mean: m)
                            }
                            meanOut[c] = m
                            varianceOut[c] = squares / count
                        }
                    }
                }
            }
        }
        return (mean, variance)
    }

    /// Per-channel sum(dy) and sum(dy * xhat).
    static func sumAndDot(_ gradient: Tensor, _ normalized: Tensor) -> ([Float], [Float]) {
        let batch = gradient.batchSize, channels = gradient.channels, plane = gradient.count / max(1, batch * channels)
        var sums = [Float](repeating: 0, count: channels), dots = sums
        gradient.withUnsafeBufferPointer { dy in
            normalized.withUnsafeBufferPointer { xhat in
                sums.withUnsafeMutableBufferPointer { sumOut in
                    dots.withUnsafeMutableBufferPointer { dotOut in
                        Parallel.forEachChunk(channels) { range in
                            for c in range {
                                var s: Float = 0, d: Float = 0
                                for n in 0..<batch {
                                    let offset = (n * channels + c) * plane
                                    s += Reductions.sum(dy.baseAddress! + offset, plane)
                                    d += Reductions.dot(dy.baseAddress! + offset, xhat.baseAddress! + offset, plane)
                                }
                                sumOut[c] = s
                                dotOut[c] = d
                            }
                        }
                    }
                }
            }
        }
        return (sums, dots)
    }

    /// dx = scale[c] * (dy - meanGradient[c] - xhat * meanDot[c]), in place on the gradient.
    static func batchNormInputGradient(
        _ gradient: inout Tensor, normalized: Tensor, scale: [Float], meanGradient: [Float], meanDot: [Float]
    ) {
        let batch = gradient.batchSize, channels = gradient.channels, plane = gradient.count / max(1, batch * channels)
        normalized.withUnsafeBufferPointer { xhat in
            gradient.withUnsafeMutableBufferPointer { dy in
                let base = dy.baseAddress!, normalizedBase = xhat.baseAddress!
                Parallel.forEachChunk(batch * channels, minimumPerWorker: max(1, 4096 / max(1, plane))) { planes in
                    for index in planes {
                        let c = index % channels
                        let a = scale[c], m = meanGradient[c], d = meanDot[c]
                        let row = base + index * plane, x = normalizedBase + index * plane
                        for i in 0..<plane { row[i] = a * (row[i] - m - x[i] * d) }
                    }
                }
            }
        }
    }
}
