/// Per-channel loops over NCHW tensors (batch norm and friends), split over channels across cores.
enum ChannelKernels {
    /// x = x * scale[c] + shift[c], then clamped to `bounds` when given; in place when unshared.
    static func affine(_ tensor: inout Tensor, scale: [Float], shift: [Float], clampingTo bounds: ClosedRange<Float>?) {
        let batch = tensor.batchSize, channels = tensor.channels, plane = tensor.count / max(1, batch * channels)
        let low = bounds?.lowerBound ?? -.infinity, high = bounds?.upperBound ?? .infinity
        tensor.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
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
}
