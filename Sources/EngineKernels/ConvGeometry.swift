/// The sizes and padding of one convolution or pooling window applied to one input size.
package struct ConvGeometry: Equatable {
    package var inputHeight: Int
    package var inputWidth: Int
    package var kernelHeight: Int
    package var kernelWidth: Int
    package var stride: Int
    package var padTop: Int
    package var padLeft: Int
    package var outputHeight: Int
    package var outputWidth: Int

    /// A window of `kernelHeight x kernelWidth` at `stride` over an input, padded `padTop`/`padLeft`
    /// before the first window, giving `outputHeight x outputWidth` windows.
    package init(inputHeight: Int, inputWidth: Int, kernelHeight: Int, kernelWidth: Int, stride: Int, padTop: Int,
                 padLeft: Int, outputHeight: Int, outputWidth: Int) {
        (self.inputHeight, self.inputWidth, self.kernelHeight, self.kernelWidth) = (inputHeight, inputWidth, kernelHeight, kernelWidth)
        (self.stride, self.padTop, self.padLeft) = (stride, padTop, padLeft)
        (self.outputHeight, self.outputWidth) = (outputHeight, outputWidth)
    }

    /// Input pixels per channel plane.
    package var inputPlane: Int { inputHeight * inputWidth }
    /// Output pixels per channel plane.
    package var outputPlane: Int { outputHeight * outputWidth }
    /// Kernel taps per channel.
    package var kernelArea: Int { kernelHeight * kernelWidth }

    /// The range of output columns whose input column `ox * stride + kx - padLeft` lies inside the image.
    @inline(__always)
    package func validOutputColumns(kernelColumn kx: Int) -> Range<Int> {
        let offset = kx - padLeft
        // ox * stride + offset >= 0  <=>  ox >= ceil(-offset / stride)
        let low = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        // ox * stride + offset <= inputWidth - 1
        let highInclusive = inputWidth - 1 - offset
        let high = highInclusive < 0 ? 0 : min(outputWidth, highInclusive / stride + 1)
        return low..<max(low, high)
    }
}
