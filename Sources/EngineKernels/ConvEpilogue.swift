/// What a convolution does to each output value on its way out of the product, per output channel:
/// `clamp((value + bias[c]) * scale[c] + shift[c] + residual)`.
///
/// In inference mode a following batch norm (scale and shift from its running statistics) and
/// ReLU/ReLU6 (the clamp) ride along here, and so does a residual block's skip tensor and the ReLU
/// after the block, so they cost no extra pass over memory. The operations and their order are
/// those of the separate layers (add the bias, then `x * scale + shift`, add the skip, then clamp),
/// so the fused result is bit-identical to running them one after another.
package struct ConvEpilogue {
    /// Added first (the convolution's own bias), or nil.
    package var bias: [Float]?
    /// Multiplied next, or nil together with `shift` for no affine step.
    package var scale: [Float]?
    /// Added after the scale.
    package var shift: [Float]?
    /// Lower clamp bound (-infinity for none).
    package var low: Float = -.infinity
    /// Upper clamp bound (infinity for none).
    package var high: Float = .infinity
    /// A tensor of the output's shape added after the affine step (a residual block's skip path), or nil.
    package var residual: UnsafePointer<Float>?

    /// An output pass adding `bias`, then `x * scale + shift`, then `residual`, then clamping.
    package init(bias: [Float]? = nil, scale: [Float]? = nil, shift: [Float]? = nil, low: Float = -.infinity,
                 high: Float = .infinity, residual: UnsafePointer<Float>? = nil) {
        (self.bias, self.scale, self.shift, self.low, self.high, self.residual) = (bias, scale, shift, low, high, residual)
    }

    /// Only the convolution's bias (nil: nothing at all).
    package static func bias(_ bias: [Float]?) -> ConvEpilogue { ConvEpilogue(bias: bias) }

    /// True when values pass through unchanged.
    package var isIdentity: Bool { bias == nil && scale == nil && residual == nil && low == -.infinity && high == .infinity }

    /// target[i] = epilogue(source[i]) for `count` values of output channel `channel` that sit at
    /// element `offset` of the output (`source` may equal `target`).
    @inline(__always)
    package func apply(
        _ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int, channel: Int, offset: Int
    ) {
        let skip = residual.map { $0 + offset }
        let b = bias?[channel] ?? 0, hasBias = bias != nil
        let a = scale?[channel] ?? 1, s = shift?[channel] ?? 0, hasAffine = scale != nil
        let clamps = low != -.infinity || high != .infinity
        let lows = SIMD8<Float>(repeating: low), highs = SIMD8<Float>(repeating: high)
        let bs = SIMD8<Float>(repeating: b), as_ = SIMD8<Float>(repeating: a), ss = SIMD8<Float>(repeating: s)
        var i = 0
        while i + 8 <= count {
            var v = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self)
            if hasBias { v += bs }
            if hasAffine { v = v * as_ + ss }
            if let skip { v += UnsafeRawPointer(skip + i).loadUnaligned(as: SIMD8<Float>.self) }
            if clamps {
                v.replace(with: lows, where: v .< lows)
                v.replace(with: highs, where: v .> highs)
            }
            UnsafeMutableRawPointer(target + i).storeBytes(of: v, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            var v = source[i]
            if hasBias { v += b }
            if hasAffine { v = v * a + s }
            if let skip { v += skip[i] }
            if clamps { v = min(max(v, low), high) }
            target[i] = v
            i += 1
        }
    }

    /// Applies the epilogue in place to `planes` consecutive NCHW planes of `plane` values starting
    /// at element `offset` of the output (at a plane of channel 0), over both cores.
    package func apply(to base: UnsafeMutablePointer<Float>, planes: Int, plane: Int, channels: Int, offset: Int = 0) {
        if isIdentity { return }
        Parallel.forEachChunk(planes, minimumPerWorker: max(1, 4096 / max(1, plane))) { range in
            for index in range {
                let row = base + index * plane
                apply(row, to: row, count: plane, channel: index % channels, offset: offset + index * plane)
            }
        }
    }
}
