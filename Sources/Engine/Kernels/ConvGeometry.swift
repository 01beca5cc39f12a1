/// The sizes and padding of one convolution or pooling window applied to one input size.
struct ConvGeometry: Equatable {
    var inputHeight: Int
    var inputWidth: Int
    var kernelHeight: Int
    var kernelWidth: Int
    var stride: Int
    var padTop: Int
    var padLeft: Int
    var outputHeight: Int
    var outputWidth: Int

    /// Input pixels per channel plane.
    var inputPlane: Int { inputHeight * inputWidth }
    /// Output pixels per channel plane.
    var outputPlane: Int { outputHeight * outputWidth }
    /// Kernel taps per channel.
    var kernelArea: Int { kernelHeight * kernelWidth }

    /// The range of output columns whose input column `ox * stride + kx - padLeft` lies inside the image.
    @inline(__always)
    func validOutputColumns(kernelColumn kx: Int) -> Range<Int> {
        let offset = kx - padLeft
        // ox * stride + offset >= 0  <=>  ox >= ceil(-offset / stride)
        let low = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        // ox * stride + offset <= inputWidth - 1
        let highInclusive = inputWidth - 1 - offset
        let high = highInclusive < 0 ? 0 : min(outputWidth, highInclusive / stride + 1)
        return low..<max(low, high)
    }
}
