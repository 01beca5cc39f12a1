/// Per-channel loops over NCHW tensors (batch norm and friends), split over channels across cores.
package enum ChannelKernels {
    /// x = x * scale[c] + shift[c], then clamped to `bounds` when given, in place.
    package static func affine(
        _ base: UnsafeMutablePointer<Float>, _ layout: ChannelPlanes, scale: [Float], shift: [Float],
        clampingTo bounds: ClosedRange<Float>?
    ) {
        let (batch, channels, plane) = (layout.batch, layout.channels, layout.plane)
        let low = bounds?.lowerBound ?? -.infinity, high = bounds?.upperBound ?? .infinity
        Parallel.forEachChunk(batch * channels, minimumPerWorker: max(1, 4096 / max(1, plane))) { planes in
            for index in planes {
                let a = scale[index % channels], b = shift[index % channels]
                let row = base + index * plane
                if bounds == nil {
                    for i in 0..<plane { row[i] = row[i] * a + b }
                } else {
                    for i in 0..<plane { row[i] = row[i] * a + b }
                    Elementwise.clamp(row, plane, low: low, high: high)
                }
            }
        }
    }
}
