/// Vectorised reductions: Swift has no fast-math, so scalar float sums do not vectorise.
enum Reductions {
    /// The sum of `count` floats starting at `pointer`.
    @inline(__always)
    static func sum(_ pointer: UnsafePointer<Float>, _ count: Int) -> Float {
        var accumulator = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            accumulator += UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD8<Float>.self)
            index += 8
        }
        var total = accumulator.sum()
        while index < count { total += pointer[index]; index += 1 }
        return total
    }

    /// The dot product of two float runs of length `count`.
    @inline(__always)
    static func dot(_ left: UnsafePointer<Float>, _ right: UnsafePointer<Float>, _ count: Int) -> Float {
        var accumulator = SIMD8<Float>()
        var index = 0
        while index + 8 <= count {
            let a = UnsafeRawPointer(left + index).loadUnaligned(as: SIMD8<Float>.self)
            let b = UnsafeRawPointer(right + index).loadUnaligned(as: SIMD8<Float>.self)
            accumulator += a * b
            index += 8
        }
        var total = accumulator.sum()
        while index < count { total += left[index] * right[index]; index += 1 }
        return total
    }

    /// The sum of squared deviations from `mean` over a float run.
    @inline(__always)
    static func squaredDeviation(_ pointer: UnsafePointer<Float>, _ count: Int, mean: Float) -> Float {
        var accumulator = SIMD8<Float>()
        let center = SIMD8<Float>(repeating: mean)
        var index = 0
        while index + 8 <= count {
            let deviation = UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD8<Float>.self) - center
            accumulator += deviation * deviation
            index += 8
        }
        var total = accumulator.sum()
        while index < count { let d = pointer[index] - mean; total += d * d; index += 1 }
        return total
    }
}
