/// Element-wise helpers used by layers, optimizers and tests.
extension Tensor {
    /// Adds `other` element by element in place; both tensors must have the same element count.
    public mutating func add(_ other: Tensor) {
        precondition(other.count == count, "add: \(shape) and \(other.shape) differ")
        other.withUnsafeBufferPointer { source in
            withUnsafeMutableBufferPointer { target in
                for index in 0..<target.count { target[index] += source[index] }
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
