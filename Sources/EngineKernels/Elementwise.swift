/// Element-wise loops written with explicit SIMD, so they vectorise without fast-math or branches.
package enum Elementwise {
    /// x = min(max(x, low), high) over `count` floats.
    @inline(__always)
    package static func clamp(_ x: UnsafeMutablePointer<Float>, _ count: Int, low: Float, high: Float) {
        let lows = SIMD8<Float>(repeating: low), highs = SIMD8<Float>(repeating: high)
        var i = 0
        while i + 8 <= count {
            let raw = UnsafeMutableRawPointer(x + i)
            var value = raw.loadUnaligned(as: SIMD8<Float>.self)
            value.replace(with: lows, where: value .< lows)
            value.replace(with: highs, where: value .> highs)
            raw.storeBytes(of: value, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { x[i] = min(max(x[i], low), high); i += 1 }
    }

    /// y = min(max(y + x, low), high) over `count` floats (no clamp when the bounds are infinite).
    @inline(__always)
    package static func add(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, _ count: Int, low: Float, high: Float) {
        let clamps = low != -.infinity || high != .infinity
        let lows = SIMD8<Float>(repeating: low), highs = SIMD8<Float>(repeating: high)
        var i = 0
        while i + 8 <= count {
            let raw = UnsafeMutableRawPointer(y + i)
            var value = raw.loadUnaligned(as: SIMD8<Float>.self) + UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            if clamps {
                value.replace(with: lows, where: value .< lows)
                value.replace(with: highs, where: value .> highs)
            }
            raw.storeBytes(of: value, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            let value = y[i] + x[i]
            y[i] = clamps ? min(max(value, low), high) : value
            i += 1
        }
    }

    /// dy = 0 wherever the activation output y is not strictly inside (0, ceiling).
    @inline(__always)
    package static func maskGradient(_ dy: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>, _ count: Int, ceiling: Float) {
        let zeros = SIMD8<Float>(), ceilings = SIMD8<Float>(repeating: ceiling)
        var i = 0
        while i + 8 <= count {
            let raw = UnsafeMutableRawPointer(dy + i)
            let gradient = raw.loadUnaligned(as: SIMD8<Float>.self)
            let output = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD8<Float>.self)
            let inside = (output .> zeros) .& (output .< ceilings)
            raw.storeBytes(of: zeros.replacing(with: gradient, where: inside), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { if !(y[i] > 0 && y[i] < ceiling) { dy[i] = 0 }; i += 1 }
    }
}
