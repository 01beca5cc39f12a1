/// Average pooling to a fixed output size (PyTorch `nn.AdaptiveAvgPool2d((h, w))`), with
/// PyTorch's bins: output cell i covers input rows floor(i*H/h) ..< ceil((i+1)*H/h).
public final class AdaptiveAvgPool2d: Layer {
    /// Output height.
    public let outputHeight: Int
    /// Output width.
    public let outputWidth: Int
    public var mode: LayerMode = .training
    var savedInputShape: [Int] = []

    /// Pools any input to `outputHeight x outputWidth`.
    public init(outputHeight: Int, outputWidth: Int) {
        self.outputHeight = outputHeight
        self.outputWidth = outputWidth
    }

    private static func bin(_ index: Int, _ outputSize: Int, _ inputSize: Int) -> Range<Int> {
        (index * inputSize) / outputSize..<((index + 1) * inputSize + outputSize - 1) / outputSize
    }

    /// Calls `body(inputIndex, outputIndex, 1 / binSize)` for every input cell of every bin of one plane.
    private func visit(height: Int, width: Int, _ body: (Int, Int, Float) -> Void) {
        for oy in 0..<outputHeight {
            let rows = Self.bin(oy, outputHeight, height)
            for ox in 0..<outputWidth {
                let columns = Self.bin(ox, outputWidth, width)
                let weight = 1 / Float(rows.count * columns.count)
                for iy in rows { for ix in columns { body(iy * width + ix, oy * outputWidth + ox, weight) } }
            }
        }
    }

    public func forward(_ input: consuming Tensor) -> Tensor {
        let input = input
        input.requireShape(input.rank == 4, "AdaptiveAvgPool2d")
        savedInputShape = input.shape
        if input.height == outputHeight && input.width == outputWidth { return input }
        let planes = input.batchSize * input.channels
        let inputPlane = input.height * input.width, outputPlane = outputHeight * outputWidth
        var output = Tensor(shape: [input.batchSize, input.channels, outputHeight, outputWidth])
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                for plane in 0..<planes {
                    visit(height: input.height, width: input.width) { i, o, w in
                        y[plane * outputPlane + o] += x[plane * inputPlane + i] * w
                    }
                }
            }
        }
        return output
    }

    /// Each output gradient is spread evenly over its bin.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        let height = savedInputShape[2], width = savedInputShape[3]
        if height == outputHeight && width == outputWidth { return outputGradient }
        let planes = savedInputShape[0] * savedInputShape[1]
        let inputPlane = height * width, outputPlane = outputHeight * outputWidth
        var inputGradient = Tensor(shape: savedInputShape)
        outputGradient.withUnsafeBufferPointer { dy in
            inputGradient.withUnsafeMutableBufferPointer { dx in
                for plane in 0..<planes {
                    visit(height: height, width: width) { i, o, w in
                        dx[plane * inputPlane + i] += dy[plane * outputPlane + o] * w
                    }
                }
            }
        }
        return inputGradient
    }
}
