import EngineKernels

/// Max pooling over square windows (PyTorch `nn.MaxPool2d`; padding counts as -infinity).
public final class MaxPool2d: Layer {
    /// Window size.
    public let kernelSize: Int
    /// Window step.
    public let stride: Int
    /// Padding on each side.
    public let padding: Int
    public var mode: LayerMode = .training
    /// What backward needs: the input and output (shared with the layers around, not copied);
    /// backward finds each window's maximum again instead of the forward recording positions.
    var savedInput: Tensor?
    var savedOutput: Tensor?

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
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                let xBase = x.baseAddress!, yBase = y.baseAddress!
                Parallel.forEachChunk(planes) { range in
                    for plane in range {
                        Self.poolPlane(xBase + plane * g.inputPlane, yBase + plane * g.outputPlane, g)
                    }
                }
            }
        }
        (savedInput, savedOutput) = mode == .inference ? (nil, nil) : (input, output)
        return output
    }

    /// One plane, one output row at a time: for each window tap in scan order (row, then column),
    /// every output of the row takes the tap if it is larger (or NaN). Ties keep the first position
    /// in scan order and NaN propagates, as in PyTorch; the outputs of a row are independent, so the
    /// inner loop pipelines instead of waiting on one compare chain per output.
    private static func poolPlane(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ g: ConvGeometry) {
        let columns = (0..<g.kernelWidth).map { g.validOutputColumns(kernelColumn: $0) }
        for oy in 0..<g.outputHeight {
            let best = y + oy * g.outputWidth
            best.update(repeating: -.infinity, count: g.outputWidth)
            for ky in 0..<g.kernelHeight {
                let iy = oy * g.stride + ky - g.padTop
                if iy < 0 || iy >= g.inputHeight { continue }
                for kx in 0..<g.kernelWidth {
                    let source = x + iy * g.inputWidth + kx - g.padLeft
                    for ox in columns[kx] {
                        let value = source[ox * g.stride]
                        best[ox] = value > best[ox] || value.isNaN ? value : best[ox]
                    }
                }
            }
        }
    }

    /// Adds each output gradient of one plane to its maximum's input position. Windows wholly inside
    /// the input with a number as maximum take a branch-free scan (taps in reverse order, each equal
    /// one replacing the position, so the first in scan order wins); the rest take `argmax`.
    private static func routePlane(
        _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dy: UnsafePointer<Float>,
        _ dx: UnsafeMutablePointer<Float>, _ g: ConvGeometry
    ) {
        for oy in 0..<g.outputHeight {
            let top = oy * g.stride - g.padTop
            let rowInside = top >= 0 && top + g.kernelHeight <= g.inputHeight
            for ox in 0..<g.outputWidth {
                let o = oy * g.outputWidth + ox, target = y[o]
                let left = ox * g.stride - g.padLeft
                var position: Int
                if rowInside && left >= 0 && left + g.kernelWidth <= g.inputWidth && !target.isNaN {
                    position = top * g.inputWidth + left
                    var ky = g.kernelHeight - 1
                    while ky >= 0 {
                        var kx = g.kernelWidth - 1
                        while kx >= 0 {
                            let tap = (top + ky) * g.inputWidth + left + kx
                            position = x[tap] == target ? tap : position
                            kx -= 1
                        }
                        ky -= 1
                    }
                } else {
                    position = argmax(x, target, oy: oy, ox: ox, g)
                }
                if position >= 0 { dx[position] += dy[o] }
            }
        }
    }

    /// The input position (within its plane) that the forward's scan took as output `(oy, ox)`'s
    /// maximum `target`: the first tap in scan order equal to it, or the last NaN when it is NaN.
    @inline(__always)
    static func argmax(_ x: UnsafePointer<Float>, _ target: Float, oy: Int, ox: Int, _ g: ConvGeometry) -> Int {
        let nan = target.isNaN
        var found = -1
        for ky in 0..<g.kernelHeight {
            let iy = oy * g.stride + ky - g.padTop
            if iy < 0 || iy >= g.inputHeight { continue }
            for kx in 0..<g.kernelWidth {
                let ix = ox * g.stride + kx - g.padLeft
                if ix < 0 || ix >= g.inputWidth { continue }
                let value = x[iy * g.inputWidth + ix]
                if nan ? value.isNaN : value == target {
                    found = iy * g.inputWidth + ix
                    if !nan { return found }
                }
            }
        }
        return found
    }

    /// Each output gradient goes to the input position that held the maximum.
    public func backward(_ outputGradient: consuming Tensor) -> Tensor {
        let outputGradient = outputGradient
        guard let input = savedInput, let output = savedOutput else {
            fatalError("MaxPool2d.backward called without a recorded forward (mode .inference?)")
        }
        let g = Padding.symmetric(padding).geometry(
            inputHeight: input.height, inputWidth: input.width, kernel: kernelSize, stride: stride)
        var inputGradient = Tensor(shape: input.shape)
        let planes = input.batchSize * input.channels
        input.withUnsafeBufferPointer { x in
            output.withUnsafeBufferPointer { y in
                outputGradient.withUnsafeBufferPointer { dy in
                    inputGradient.withUnsafeMutableBufferPointer { dx in
                        let xBase = x.baseAddress!, yBase = y.baseAddress!, dyBase = dy.baseAddress!, dxBase = dx.baseAddress!
                        Parallel.forEachChunk(planes) { range in
                            for plane in range {
                                let offset = plane * g.outputPlane
                                Self.routePlane(xBase + plane * g.inputPlane, yBase + offset, dyBase + offset,
                                                dxBase + plane * g.inputPlane, g)
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
