/// Vectorised reductions: Swift has no fast-math, so scalar float sums do not vectorise.
package enum Reductions {
    /// The sum of `count` floats starting at `pointer`.
    @inline(__always)
    package static func sum(_ pointer: UnsafePointer<Float>, _ count: Int) -> Float {
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
}
