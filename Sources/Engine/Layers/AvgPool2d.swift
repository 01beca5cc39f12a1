import EngineKernels

/// Average pooling over square windows (PyTorch `nn.AvgPool2d`, `count_include_pad=True`).
public final class AvgPool2d: Layer {
    /// Window size.
    public let kernelSize: Int
    /// Window step.
    public let stride: Int
    /// Zero padding on each side (counted in the average, as PyTorch's default).
    public let padding: Int
    public var mode: LayerMode = .training
    var savedInputShape: [Int] = []

    /// Pooling with the given window, stride (default: the window) and padding.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
    }

    private func geometry(height: Int, width: Int) -> ConvGeometry {
        Padding.symmetric(padding).geometry(inputHeight: height, inputWidth: width, kernel: kernelSize, stride: stride)
    }

    public func forward(_ input: consuming Tensor) -> Tensor {
        let input = input
        input.requireShape(input.rank == 4, "AvgPool2d")
        let g = geometry(height: input.height, width: input.width)
        let planes = input.batchSize * input.channels
        let divisor = 1 / Float(kernelSize * kernelSize)
        var output = Tensor(shape: [input.batchSize, input.channels, g.outputHeight, g.outputWidth])
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                let xBase = x.baseAddress!, yBase = y.baseAddress!
                Parallel.forEachChunk(planes) { range in
                    for plane in range {
                        Self.visit(g) { inputIndex, outputIndex in
                            yBase[plane * g.outputPlane + outputIndex] += xBase[plane * g.inputPlane + inputIndex] * divisor
                        }
                    }
                }
            }
        }
        savedInputShape = input.shape
        return output
    }

    /// Calls `body(inputIndex, outputIndex)` for every in-bounds window tap.
    @inline(__always)
    private static func visit(_ g: ConvGeometry, _ body: (Int, Int) -> Void) {
        for oy in 0..<g.outputHeight {
            for ox in 0..<g.outputWidth {
                for ky in 0..<g.kernelHeight {
                    let iy = oy * g.stride + ky - g.padTop
                    if iy < 0 || iy >= g.inputHeight { continue }
                    for kx in 0..<g.kernelWidth {
                        let ix = ox * g.stride + kx - g.padLeft
                        if ix < 0 || ix >= g.inputWidth { continue }
                        body(iy * g.inputWidth + ix, oy * g.outputWidth + ox)
                    }
                }
            }
        }
    }

    /// Each output gradient is spread evenly over its window.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        let g = geometry(height: savedInputShape[2], width: savedInputShape[3])
        let planes = savedInputShape[0] * savedInputShape[1]
        let divisor = 1 / Float(kernelSize * kernelSize)
        var inputGradient = Tensor(shape: savedInputShape)
        outputGradient.withUnsafeBufferPointer { dy in
            inputGradient.withUnsafeMutableBufferPointer { dx in
                let dyBase = dy.baseAddress!, dxBase = dx.baseAddress!
                Parallel.forEachChunk(planes) { range in
                    for plane in range {
                        Self.visit(g) { inputIndex, outputIndex in
                            dxBase[plane * g.inputPlane + inputIndex] += dyBase[plane * g.outputPlane + outputIndex] * divisor
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
