/// The fixed-point filter taps for resampling one image axis, computed exactly as Pillow's
/// `precompute_coeffs` and `normalize_coeffs_8bpc` (libImaging/Resample.c) do, so that the 8-bit
/// results are identical to Pillow's.
struct ResampleCoefficients {
    /// Pillow's fixed-point precision: 32 bits less 8 for the pixel and 2 for headroom.
    static let precisionBits = 22

    /// Taps per output pixel (some trailing taps may be zero).
    let tapCount: Int
    /// The first source index for each output pixel.
    let first: [Int]
    /// The number of source pixels used for each output pixel.
    let used: [Int]
    /// `outputSize * tapCount` fixed-point weights.
    let weights: [Int32]

    /// Taps for mapping source range `start..<end` (in pixels) of an axis of `inputSize` onto `outputSize` pixels.
    init(inputSize: Int, start: Double, end: Double, outputSize: Int, filter: ImageInterpolation) {
        let scale = (end - start) / Double(outputSize)
        let filterScale = max(scale, 1)
        let support = filter.support * filterScale
        tapCount = Int(support.rounded(.up)) * 2 + 1
        var first = [Int](repeating: 0, count: outputSize)
        var used = [Int](repeating: 0, count: outputSize)
        var weights = [Int32](repeating: 0, count: outputSize * tapCount)
        var taps = [Double](repeating: 0, count: tapCount)
        for output in 0..<outputSize {
            let center = start + (Double(output) + 0.5) * scale
            let low = max(Int(center - support + 0.5), 0)
            let high = min(Int(center + support + 0.5), inputSize)
            let count = high - low
            var total = 0.0
            for tap in 0..<count {
                let weight = filter.weight((Double(tap + low) - center + 0.5) / filterScale)
                taps[tap] = weight
                total += weight
            }
            for tap in 0..<count {
                let weight = total != 0 ? taps[tap] / total : taps[tap]
                let scaled = weight * Double(1 << Self.precisionBits)
                weights[output * tapCount + tap] = Int32(scaled < 0 ? scaled - 0.5 : scaled + 0.5)
            }
            first[output] = low
            used[output] = max(count, 0)
        }
        self.first = first
        self.used = used
        self.weights = weights
    }

    /// Pillow's `clip8`: a fixed-point sum rounded (the half was added up front) and clamped to 0...255.
    @inline(__always)
    static func clip8(_ sum: Int32) -> UInt8 {
        if sum >= Int32(1) << (precisionBits + 8) { return 255 }
        if sum <= 0 { return 0 }
        return UInt8(truncatingIfNeeded: sum >> precisionBits)
    }
}
