import EngineKernels

/// Rectified linear unit, optionally capped: `min(max(x, 0), ceiling)` (ReLU6 is `ReLU(ceiling: 6)`).
public final class ReLU: Layer {
    /// The upper bound (infinity for a plain ReLU, 6 for ReLU6).
    public let ceiling: Float
    public var mode: LayerMode = .training
    var savedOutput: Tensor?

    /// A ReLU clamped to `[0, ceiling]`.
    public init(ceiling: Float = .infinity) { self.ceiling = ceiling }

    /// ReLU6, as used by MobileNetV2 and EfficientNet-Lite.
    public static func six() -> ReLU { ReLU(ceiling: 6) }

    public func forward(_ input: consuming Tensor) -> Tensor {
        let input = input
        var output = input
        let ceiling = ceiling
        output.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            Parallel.forEachChunk(buffer.count, minimumPerWorker: 32_768) { range in
                Elementwise.clamp(base + range.lowerBound, range.count, low: 0, high: ceiling)
            }
        }
        savedOutput = mode == .inference ? nil : output
        return output
    }

    /// The gradient passes where the output lies strictly inside (0, ceiling).
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        guard let output = savedOutput else { fatalError("ReLU.backward called without a recorded forward") }
        var gradient = outputGradient
        let ceiling = ceiling
        output.withUnsafeBufferPointer { y in
            gradient.withUnsafeMutableBufferPointer { dy in
                let yBase = y.baseAddress!, dyBase = dy.baseAddress!
                Parallel.forEachChunk(dy.count, minimumPerWorker: 32_768) { range in
                    Elementwise.maskGradient(dyBase + range.lowerBound, output: yBase + range.lowerBound, range.count,
                                             ceiling: ceiling)
                }
            }
        }
        return gradient
    }
}
