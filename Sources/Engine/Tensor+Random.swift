/// Seeded random tensors for weight initialisation and tests.
extension Tensor {
    /// Elements drawn uniformly from `range` with the given generator.
    public static func uniform(
        _ shape: [Int], in range: ClosedRange<Float>, generator: inout SeededGenerator
    ) -> Tensor {
        var tensor = Tensor(uninitializedShape: shape)
        tensor.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<buffer.count { buffer[index] = generator.nextFloat(in: range) }
        }
        return tensor
    }

    /// Elements drawn from a normal distribution with the given mean and standard deviation.
    public static func normal(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float, generator: inout SeededGenerator
    ) -> Tensor {
        var tensor = Tensor(uninitializedShape: shape)
        tensor.withUnsafeMutableBufferPointer { buffer in
            for index in 0..<buffer.count {
                buffer[index] = mean + standardDeviation * generator.nextGaussian()
            }
        }
        return tensor
    }
}
