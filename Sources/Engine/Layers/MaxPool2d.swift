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

    /// One plane, one output row at a time: for each window tap in scan order (row, then column),
    /// every output of the row takes the tap if it is larger (or NaN). Ties keep the first position
    /// in scan order and NaN propagates, as in PyTorch; the outputs of a row are independent, so the
    /// inner loop pipelines instead of waiting on one compare chain per output.
    private static func poolPlane(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ indices: UnsafeMutablePointer<Int32>?,
        _ g: ConvGeometry
    ) {
        let columns = (0..<g.kernelWidth).map { g.validOutputColumns(kernelColumn: $0) }
        for oy in 0..<g.outputHeight {
            let best = y + oy * g.outputWidth
            best.update(repeating: -.infinity, count: g.outputWidth)
            let bestIndex = indices.map { $0 + oy * g.outputWidth }
            bestIndex?.update(repeating: 0, count: g.outputWidth)
            for ky in 0..<g.kernelHeight {
                let iy = oy * g.stride + ky - g.padTop
                if iy < 0 || iy >= g.inputHeight { continue }
                for kx in 0..<g.kernelWidth {
                    let offset = iy * g.inputWidth + kx - g.padLeft
                    let source = x + offset
                    if let bestIndex {
                        for ox in columns[kx] {
                            let value = source[ox * g.stride]
                            let better = value > best[ox] || value.isNaN
                            best[ox] = better ? value : best[ox]
                            bestIndex[ox] = better ? Int32(offset + ox * g.stride) : bestIndex[ox]
                        }
                    } else {
                        for ox in columns[kx] {
                            let value = source[ox * g.stride]
                            best[ox] = value > best[ox] || value.isNaN ? value : best[ox]
                        }
                    }
                }
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
