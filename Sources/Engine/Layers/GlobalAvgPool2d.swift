import EngineKernels

/// Averages each channel plane to one value: `[N, C, H, W]` -> `[N, C, 1, 1]`
/// (PyTorch `nn.AdaptiveAvgPool2d(1)`).
public final class GlobalAvgPool2d: Layer {
    public var mode: LayerMode = .training
    var savedInputShape: [Int] = []

    /// A global average pool.
    public init() {}

    public func forward(_ input: consuming Tensor) -> Tensor {
        let input = input
        input.requireShape(input.rank == 4, "GlobalAvgPool2d")
        let planes = input.batchSize * input.channels, plane = input.height * input.width
        var output = Tensor(uninitializedShape: [input.batchSize, input.channels, 1, 1])
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                let xBase = x.baseAddress!, yBase = y.baseAddress!
                Parallel.forEachChunk(planes, minimumPerWorker: max(1, 8192 / max(1, plane))) { range in
                    for p in range { yBase[p] = Reductions.sum(xBase + p * plane, plane) / Float(plane) }
                }
            }
        }
        savedInputShape = input.shape
        return output
    }

    /// Each plane receives its output gradient divided by the plane size.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        var inputGradient = Tensor(uninitializedShape: savedInputShape)
        let plane = savedInputShape[2] * savedInputShape[3]
        outputGradient.withUnsafeBufferPointer { dy in
            inputGradient.withUnsafeMutableBufferPointer { dx in
                for p in 0..<dy.count {
                    (dx.baseAddress! + p * plane).update(repeating: dy[p] / Float(plane), count: plane)
                }
            }
        }
        return inputGradient
    }
}
