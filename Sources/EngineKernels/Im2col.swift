/// Unfolds convolution windows into a matrix (im2col) and folds gradients back (col2im).
///
/// The column matrix has one row per (channel, ky, kx) tap and one column per output pixel,
/// so a convolution becomes weights (outC x taps) times columns (taps x pixels).
package enum Im2col {
    /// Writes the column matrix of `channels` input planes into `columns` (taps x outputPlane).
    /// `rowStride` (default: the output plane) lets several images share one wide column matrix.
    package static func unfold(
        input: UnsafePointer<Float>, channels: Int, geometry g: ConvGeometry,
        columns: UnsafeMutablePointer<Float>, rowStride: Int? = nil
    ) {
        let stride = rowStride ?? g.outputPlane
        Parallel.forEachChunk(channels, minimumPerWorker: 1) { channelRange in
            for channel in channelRange {
                unfoldChannel(input: input + channel * g.inputPlane, geometry: g,
                              columns: columns + channel * g.kernelArea * stride, rowStride: stride)
            }
        }
    }

    @inline(__always)
    private static func unfoldChannel(
        input: UnsafePointer<Float>, geometry g: ConvGeometry, columns: UnsafeMutablePointer<Float>, rowStride: Int
    ) {
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                let row = columns + (ky * g.kernelWidth + kx) * rowStride
                let valid = g.validOutputColumns(kernelColumn: kx)
                let columnOffset = kx - g.padLeft
                for oy in 0..<g.outputHeight {
                    let target = row + oy * g.outputWidth
                    let iy = oy * g.stride + ky - g.padTop
                    if iy < 0 || iy >= g.inputHeight {
                        target.update(repeating: 0, count: g.outputWidth)
                        continue
                    }
                    let source = input + iy * g.inputWidth + columnOffset
                    for ox in 0..<valid.lowerBound { target[ox] = 0 }
                    if g.stride == 1 {
                        (target + valid.lowerBound).update(from: source + valid.lowerBound, count: valid.count)
                    } else {
                        for ox in valid { target[ox] = source[ox * g.stride] }
                    }
                    for ox in valid.upperBound..<g.outputWidth { target[ox] = 0 }
                }
            }
        }
    }

    /// Adds the column-matrix gradient back onto `channels` input-gradient planes (which it does not zero).
    package static func fold(
        columns: UnsafePointer<Float>, channels: Int, geometry g: ConvGeometry,
        inputGradient: UnsafeMutablePointer<Float>, rowStride: Int? = nil
    ) {
        let stride = rowStride ?? g.outputPlane
        Parallel.forEachChunk(channels, minimumPerWorker: 1) { channelRange in
            for channel in channelRange {
                foldChannel(columns: columns + channel * g.kernelArea * stride, geometry: g,
                            inputGradient: inputGradient + channel * g.inputPlane, rowStride: stride)
            }
        }
    }

    @inline(__always)
    private static func foldChannel(
        columns: UnsafePointer<Float>, geometry g: ConvGeometry, inputGradient: UnsafeMutablePointer<Float>,
        rowStride: Int
    ) {
        for ky in 0..<g.kernelHeight {
            for kx in 0..<g.kernelWidth {
                let row = columns + (ky * g.kernelWidth + kx) * rowStride
                let valid = g.validOutputColumns(kernelColumn: kx)
                let columnOffset = kx - g.padLeft
                for oy in 0..<g.outputHeight {
                    let iy = oy * g.stride + ky - g.padTop
                    if iy < 0 || iy >= g.inputHeight { continue }
                    let source = row + oy * g.outputWidth
                    let target = inputGradient + iy * g.inputWidth + columnOffset
                    if g.stride == 1 {
                        for ox in valid { target[ox] += source[ox] }
                    } else {
                        for ox in valid { target[ox * g.stride] += source[ox] }
                    }
                }
            }
        }
    }
}
