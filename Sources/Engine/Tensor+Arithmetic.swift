import EngineKernels

/// Element-wise helpers used by layers, optimizers and tests.
extension Tensor {
    /// Adds `other` element by element in place; both tensors must have the same element count.
    public mutating func add(_ other: Tensor) {
        add(other, clampingTo: -Float.infinity...Float.infinity)
    }

    /// Adds `other` and clamps the sums to `bounds` in one pass over both cores (a residual add with
    /// the ReLU after it).
    mutating func add(_ other: Tensor, clampingTo bounds: ClosedRange<Float>) {
        precondition(other.count == count, "add: \(shape) and \(other.shape) differ")
        other.withUnsafeBufferPointer { source in
            withUnsafeMutableBufferPointer { target in
                let s = source.baseAddress!, t = target.baseAddress!
                Parallel.forEachChunk(target.count, minimumPerWorker: 32_768) { range in
                    Elementwise.add(s + range.lowerBound, into: t + range.lowerBound, range.count,
                                    low: bounds.lowerBound, high: bounds.upperBound)
                }
            }
        }
    }

    /// Sets every element to `value`.
    public mutating func fill(_ value: Float) {
        withUnsafeMutableBufferPointer { buffer in
            buffer.update(repeating: value)
        }
    }

    /// Multiplies every element by `factor` in place.
    public mutating func scale(by factor: Float) {
        withUnsafeMutableBufferPointer { buffer in
            for index in 0..<buffer.count { buffer[index] *= factor }
        }
    }

    /// The largest absolute element-wise difference to `other` (infinity when the shapes differ).
    public func maxAbsoluteDifference(to other: Tensor) -> Float {
        guard shape == other.shape else { return .infinity }
        var result: Float = 0
        withUnsafeBufferPointer { left in
            other.withUnsafeBufferPointer { right in
                for index in 0..<left.count { result = Swift.max(result, abs(left[index] - right[index])) }
            }
        }
        return result
    }

    /// The sum of all elements, accumulated in double precision.
    public func sum() -> Double {
        withUnsafeBufferPointer { buffer in
            var total = 0.0
            for value in buffer { total += Double(value) }
            return total
        }
    }
}
