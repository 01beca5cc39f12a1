/// Batch-norm training kernels over NCHW tensors, each one pass over memory, split over channels
/// (reductions) or planes (element-wise passes) across cores.
///
/// Forward keeps the input itself (not the normalised copy): backward recomputes
/// xhat = (x - mean) * invstd on the fly, so the forward reads its input twice (statistics, output)
/// and writes only the output. Backward can apply the following ReLU's mask while it reads the
/// gradient, so that ReLU needs no pass of its own.
package enum BatchNormKernels {
    /// Floats summed in `Float` SIMD lanes before they are carried over into `Double`.
    package static let block = 4096

    /// Per-channel mean and biased variance, reading the tensor from memory once: each block of up to
    /// `block` floats (in cache after its first pass) is summed, then its sums of d = x - c and d² are
    /// taken about its own mean c, so nothing cancels however far the values lie from zero; the blocks
    /// combine in `Double` (Chan et al.'s pairwise update): M2 = Σ q + 2 (c - m) Σd + n (c - m)².
    package static func meanAndVariance(_ base: UnsafePointer<Float>, _ layout: ChannelPlanes) -> ([Float], [Float]) {
        let (batch, channels, plane) = (layout.batch, layout.channels, layout.plane)
        let count = Double(batch * plane)
        var mean = [Float](repeating: 0, count: channels), variance = mean
        guard count > 0 else { return (mean, variance) }
        mean.withUnsafeMutableBufferPointer { meanOut in
            variance.withUnsafeMutableBufferPointer { varianceOut in
                Parallel.forEachChunk(channels, minimumPerWorker: max(1, 16_384 / max(1, batch * plane))) { range in
                    // Per block: its centre, length, sum of deviations and of squared deviations.
                    var blocks: [SIMD4<Double>] = []
                    blocks.reserveCapacity(batch * ((plane + block - 1) / block))
                    for c in range {
                        blocks.removeAll(keepingCapacity: true)
                        var total = 0.0
                        for n in 0..<batch {
                            let row = base + (n * channels + c) * plane
                            var start = 0
                            while start < plane {
                                let length = min(block, plane - start)
                                let center = Reductions.sum(row + start, length) / Float(length)
                                let (s, q) = shiftedSums(row + start, length, shift: center)
                                total += Double(center) * Double(length) + Double(s)
                                blocks.append(SIMD4(Double(center), Double(length), Double(s), Double(q)))
                                start += length
                            }
                        }
                        let m = total / count
                        var squares = 0.0
                        for b in blocks {
                            let offset = b[0] - m
                            squares += b[3] + 2 * offset * b[2] + b[1] * offset * offset
                        }
                        meanOut[c] = Float(m)
                        varianceOut[c] = Float(max(0, squares / count))
                    }
                }
            }
        }
        return (mean, variance)
    }

    /// Sum of (x - shift) and of (x - shift)² over a float run.
    @inline(__always)
    package static func shiftedSums(_ pointer: UnsafePointer<Float>, _ count: Int, shift: Float) -> (Float, Float) {
        var sums = SIMD8<Float>(), squares = SIMD8<Float>()
        let center = SIMD8<Float>(repeating: shift)
        var index = 0
        while index + 8 <= count {
            let d = UnsafeRawPointer(pointer + index).loadUnaligned(as: SIMD8<Float>.self) - center
            sums += d
            squares += d * d
            index += 8
        }
        var s = sums.sum(), q = squares.sum()
        while index < count { let d = pointer[index] - shift; s += d; q += d * d; index += 1 }
        return (s, q)
    }

    /// output = (x - center[c]) * scale[c] + shift[c] (x * scale[c] + shift[c] without a center), clamped
    /// to `bounds` when given; the input is left as it is.
    /// With `residual`, that tensor is added before the clamp (a residual block's skip and the ReLU
    /// after the block: the same operations in the same order as the separate add).
    package static func affine(
        _ x: UnsafePointer<Float>, _ layout: ChannelPlanes, center: [Float]?, scale: [Float], shift: [Float],
        clampingTo bounds: ClosedRange<Float>?, adding skip: UnsafePointer<Float>? = nil, into y: UnsafeMutablePointer<Float>
    ) {
        let (batch, channels, plane) = (layout.batch, layout.channels, layout.plane)
        let low = bounds?.lowerBound ?? -.infinity, high = bounds?.upperBound ?? .infinity
        Parallel.forEachChunk(batch * channels, minimumPerWorker: max(1, 4096 / max(1, plane))) { planes in
            for index in planes {
                let a = scale[index % channels], b = shift[index % channels]
                let row = x + index * plane, out = y + index * plane
                if let center {
                    let m = center[index % channels]
                    if let skip {
                        let r = skip + index * plane
                        for i in 0..<plane { out[i] = ((row[i] - m) * a + b) + r[i] }
                    } else {
                        for i in 0..<plane { out[i] = (row[i] - m) * a + b }
                    }
                } else {
                    for i in 0..<plane { out[i] = row[i] * a + b }
                }
                if bounds != nil { Elementwise.clamp(out, plane, low: low, high: high) }
            }
        }
    }

    /// The activation mask of a ReLU fused after the batch norm: the gradient passes where the
    /// ReLU's output lies strictly inside (0, ceiling), as `ReLU.backward`.
    package struct Mask {
        /// The ReLU's (clamped) output.
        package var output: UnsafePointer<Float>
        /// The ReLU's upper bound.
        package var ceiling: Float
    }

    /// Per-channel sum(dy) and sum(dy * (x - mean[c])), dy masked by `mask` when given.
    package static func gradientSums(
        _ dy: UnsafePointer<Float>, _ layout: ChannelPlanes, input x: UnsafePointer<Float>, mean: [Float],
        mask maskBase: UnsafePointer<Float>?, ceiling: Float
    ) -> ([Float], [Float]) {
        let (batch, channels, plane) = (layout.batch, layout.channels, layout.plane)
        var sums = [Float](repeating: 0, count: channels), dots = sums
        sums.withUnsafeMutableBufferPointer { sumOut in
            dots.withUnsafeMutableBufferPointer { dotOut in
                Parallel.forEachChunk(channels, minimumPerWorker: max(1, 16_384 / max(1, batch * plane))) { range in
                    for c in range {
                        var s = 0.0, d = 0.0
                        for n in 0..<batch {
                            let offset = (n * channels + c) * plane
                            let m = maskBase.map { Mask(output: $0 + offset, ceiling: ceiling) }
                            let (ps, pd) = centeredSums(dy + offset, x + offset, plane, mean: mean[c], mask: m)
                            s += Double(ps)
                            d += Double(pd)
                        }
                        sumOut[c] = Float(s)
                        dotOut[c] = Float(d)
                    }
                }
            }
        }
        return (sums, dots)
    }

    /// sum(dy) and sum(dy * (x - mean)) over one plane, dy masked when a mask is given (a loop
    /// specialised for each case).
    @inline(__always)
    package static func centeredSums(
        _ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ count: Int, mean: Float, mask: Mask?
    ) -> (Float, Float) {
        @inline(__always)
        func run(_ output: UnsafePointer<Float>, _ ceiling: Float, masked: Bool) -> (Float, Float) {
            var sums = SIMD8<Float>(), dots = SIMD8<Float>()
            let center = SIMD8<Float>(repeating: mean)
            let zeros = SIMD8<Float>(), ceilings = SIMD8<Float>(repeating: ceiling)
            var index = 0
            while index + 8 <= count {
                var g = UnsafeRawPointer(dy + index).loadUnaligned(as: SIMD8<Float>.self)
                if masked {
                    let y = UnsafeRawPointer(output + index).loadUnaligned(as: SIMD8<Float>.self)
                    g = zeros.replacing(with: g, where: (y .> zeros) .& (y .< ceilings))
                }
                let deviation = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self) - center
                sums += g
                dots += g * deviation
                index += 8
            }
            var s = sums.sum(), d = dots.sum()
            while index < count {
                var g = dy[index]
                if masked && !(output[index] > 0 && output[index] < ceiling) { g = 0 }
                s += g
                d += g * (x[index] - mean)
                index += 1
            }
            return (s, d)
        }
        if let mask { return run(mask.output, mask.ceiling, masked: true) }
        return run(dy, 0, masked: false)
    }
}
