import EngineKernels

/// How a convolution or pooling window pads its input.
public enum Padding: Equatable, Sendable {
    /// The same number of zero rows and columns on every side (PyTorch's `padding=p`).
    case symmetric(Int)
    /// TensorFlow "SAME": output size ceil(input / stride); when the total padding is odd the
    /// extra pixel goes bottom/right (efficientnet_pytorch's `Conv2dStaticSamePadding`).
    case same

    /// The geometry of a `kernel x kernel` window with `stride` over an input of the given size.
    func geometry(inputHeight: Int, inputWidth: Int, kernel: Int, stride: Int) -> ConvGeometry {
        switch self {
        case .symmetric(let pad):
            return ConvGeometry(
                inputHeight: inputHeight, inputWidth: inputWidth, kernelHeight: kernel, kernelWidth: kernel,
                stride: stride, padTop: pad, padLeft: pad,
                outputHeight: (inputHeight + 2 * pad - kernel) / stride + 1,
                outputWidth: (inputWidth + 2 * pad - kernel) / stride + 1)
        case .same:
            let outputHeight = (inputHeight + stride - 1) / stride
            let outputWidth = (inputWidth + stride - 1) / stride
            let totalHeight = max((outputHeight - 1) * stride + kernel - inputHeight, 0)
            let totalWidth = max((outputWidth - 1) * stride + kernel - inputWidth, 0)
            return ConvGeometry(
                inputHeight: inputHeight, inputWidth: inputWidth, kernelHeight: kernel, kernelWidth: kernel,
                stride: stride, padTop: totalHeight / 2, padLeft: totalWidth / 2,
                outputHeight: outputHeight, outputWidth: outputWidth)
        }
    }
}
