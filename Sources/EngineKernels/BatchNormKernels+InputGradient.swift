/// The batch-norm input gradient pass.
extension BatchNormKernels {
    /// In place on the gradient: dx = scale[c] * (dy - meanGradient[c]) - deviationScale[c] * (x - mean[c]),
    /// dy masked by `mask` (a fused ReLU's output) when given. Without an input (running statistics,
    /// nothing to centre) the second term is left out: dx = scale[c] * (dy - meanGradient[c]).
    package static func inputGradient(
        _ dy: UnsafeMutablePointer<Float>, _ layout: ChannelPlanes, input xBase: UnsafePointer<Float>?, mean: [Float],
        scale: [Float], meanGradient: [Float], deviationScale: [Float], mask maskBase: UnsafePointer<Float>?,
        ceiling: Float
    ) {
        let (batch, channels, plane) = (layout.batch, layout.channels, layout.plane)
        Parallel.forEachChunk(batch * channels, minimumPerWorker: max(1, 4096 / max(1, plane))) { planes in
            for index in planes {
                let c = index % channels, offset = index * plane
                inputGradientRow(
                    dy + offset, xBase.map { $0 + offset }, plane, mean: mean[c], scale: scale[c],
                    meanGradient: meanGradient[c], deviationScale: deviationScale[c],
                    mask: maskBase.map { Mask(output: $0 + offset, ceiling: ceiling) })
            }
        }
    }

    /// One plane of `inputGradient`, with a loop specialised for each combination of mask and input.
    @inline(__always)
    package static func inputGradientRow(
        _ dy: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>?, _ count: Int, mean: Float, scale: Float,
        meanGradient: Float, deviationScale: Float, mask: Mask?
    ) {
        @inline(__always)
        func run(_ output: UnsafePointer<Float>, _ ceiling: Float, _ x: UnsafePointer<Float>, masked: Bool, centered: Bool) {
            let zeros = SIMD8<Float>(), ceilings = SIMD8<Float>(repeating: ceiling)
            let a = SIMD8<Float>(repeating: scale), m = SIMD8<Float>(repeating: meanGradient)
            let k = SIMD8<Float>(repeating: deviationScale), center = SIMD8<Float>(repeating: mean)
            var index = 0
            while index + 8 <= count {
                let raw = UnsafeMutableRawPointer(dy + index)
                var g = raw.loadUnaligned(as: SIMD8<Float>.self)
                if masked {
                    let y = UnsafeRawPointer(output + index).loadUnaligned(as: SIMD8<Float>.self)
                    g = zeros.replacing(with: g, where: (y .> zeros) .& (y .< ceilings))
                }
                var result = a * (g - m)
                if centered { result -= k * (UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self) - center) }
                raw.storeBytes(of: result, as: SIMD8<Float>.self)
                index += 8
            }
            while index < count {
                var g = dy[index]
                if masked && !(output[index] > 0 && output[index] < ceiling) { g = 0 }
                var result = scale * (g - meanGradient)
                if centered { result -= deviationScale * (x[index] - mean) }
                dy[index] = result
                index += 1
            }
        }
        let unused = UnsafePointer(dy)
        switch (mask, x) {
        case let (mask?, x?): run(mask.output, mask.ceiling, x, masked: true, centered: true)
        case let (nil, x?): run(unused, 0, x, masked: false, centered: true)
        case let (mask?, nil): run(mask.output, mask.ceiling, unused, masked: true, centered: false)
        case (nil, nil): run(unused, 0, unused, masked: false, centered: false)
        }
    }
}
