/// Max pooling over square windows (PyTorch `nn.MaxPool2d`; padding counts as -infinity).
public final class MaxPool2d: Layer {
    /// Window size.
    public let kernelSize: Int
    /// Window step.
    public let stride: Int
    /// Padding on each side.
    public let padding: Int
    public var mode: LayerMode = .training
    var savedArgmax: [Int32] = []
    var savedInputShape: [Int] = []

    /// Pooling with the given window, stride (default: the window) and padding.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
    }

    public func forward(_ input: consuming Tensor) -> Tensor {
        let input = input
        input.requireShape(input.rank == 4, "MaxPool2d")
        let g = Padding.symmetric(padding).geometry(
            inputHeight: input.height, inputWidth: input.width, kernel: kernelSize, stride: stride)
        let planes = input.batchSize * input.channels
        var output = Tensor(uninitializedShape: [input.batchSize, input.channels, g.outputHeight, g.outputWidth])
        var argmax = [Int32](repeating: 0, count: mode == .inference ? 0 : output.count)
        let record = mode != .inference
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                argmax.withUnsafeMutableBufferPointer { indices in
                    let xBase = x.baseAddress!, yBase = y.baseAddress!, iBase = indices.baseAddress
                    Parallel.forEachChunk(planes) { range in
                        for plane in range {
                            Self.poolPlane(xBase + plane * g.inputPlane, yBase + plane * g.outputPlane,
                                           record ? iBase! + plane * g.outputPlane : nil, g)
                        }
                    }
                }
            }
        }
        savedArgmax = argmax
        savedInputShape = input.shape
        return output
    }

    private static func poolPlane(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ indices: UnsafeMutablePointer<Int32>?,
        _ g: ConvGeometry
    ) {
        for oy in 0..<g.outputHeight {
            for ox in 0..<g.outputWidth {
                var best = -Float.infinity, bestIndex = 0
                for ky in 0..<g.kernelHeight {
                    let iy = oy * g.stride + ky - g.padTop
                    if iy < 0 || iy >= g.inputHeight { continue }
                    for kx in 0..<g.kernelWidth {
                        let ix = ox * g.stride + kx - g.padLeft
                        if ix < 0 || ix >= g.inputWidth { continue }
                        let value = x[iy * g.inputWidth + ix]
                        if value > best || value.isNaN { best = value; bestIndex = iy * g.inputWidth + ix }
                    }
                }
                y[oy * g.outputWidth + ox] = best
                indices?[oy * g.outputWidth + ox] = Int32(bestIndex)
            }
        }
    }

    /// Each output gradient goes to the input position that held the maximum.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        var inputGradient = Tensor(shape: savedInputShape)
        let inputPlane = savedInputShape[2] * savedInputShape[3]
        let outputPlane = outputGradient.height * outputGradient.width
        let planes = savedInputShape[0] * savedInputShape[1]
        outputGradient.withUnsafeBufferPointer { dy in
            inputGradient.withUnsafeMutableBufferPointer { dx in
                savedArgmax.withUnsafeBufferPointer { indices in
                    let dyBase = dy.baseAddress!, dxBase = dx.baseAddress!, iBase = indices.baseAddress!
                    Parallel.forEachChunk(planes) { range in
                        for plane in range {
                            for o in 0..<outputPlane {
                                dxBase[plane * inputPlane + Int(iBase[plane * outputPlane + o])]
                                    += dyBase[plane * outputPlane + o]
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
