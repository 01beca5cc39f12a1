import EngineKernels

/// 2-D convolution over NCHW input (PyTorch `nn.Conv2d`; weight `[out, in/groups, k, k]`).
///
/// Forward and backward run through OpenBLAS sgemm: a 1x1 stride-1 unpadded convolution multiplies
/// the weights directly with the input planes; 3x3 stride-1 kernels use Winograd F(2x2, 3x3)
/// (forward and input gradient); other kernels unfold the input with im2col first.
/// Depthwise convolutions (groups == in == out channels) use a direct loop instead.
public final class Conv2d: Layer {
    /// Input channels.
    public let inChannels: Int
    /// Output channels.
    public let outChannels: Int
    /// Square kernel size.
    public let kernelSize: Int
    /// Stride in both directions.
    public let stride: Int
    /// Zero padding rule.
    public let padding: Padding
    /// Channel groups (`inChannels` for depthwise).
    public let groups: Int
    /// `[out, in/groups, k, k]`.
    public let weight: Parameter
    /// `[out]`, or nil for a convolution without bias.
    public let bias: Parameter?
    public var mode: LayerMode = .training

    var savedInput: Tensor?
    package var savedGeometry: ConvGeometry?
    let columns = Workspace()
    /// How 3x3 stride-1 products are computed (`.automatic`: Winograd where it pays).
    var algorithm = ConvAlgorithm.automatic
    /// Transformed weights for the Winograd path, recomputed when the weight's version changes.
    let winograd = WinogradWeights()

    /// A convolution with Kaiming-uniform weights (PyTorch's default) from `generator`.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Padding = .symmetric(0),
        groups: Int = 1, bias: Bool = true, generator: inout SeededGenerator
    ) {
        precondition(inChannels % groups == 0 && outChannels % groups == 0, "channels must divide into groups")
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernelSize = kernelSize
        self.stride = stride
        self.padding = padding
        self.groups = groups
        let fanIn = inChannels / groups * kernelSize * kernelSize
        let bound = 1 / Float(fanIn).squareRoot()
        weight = Parameter(.uniform([outChannels, inChannels / groups, kernelSize, kernelSize],
                                    in: -bound...bound, generator: &generator))
        self.bias = bias ? Parameter(.uniform([outChannels], in: -bound...bound, generator: &generator)) : nil
    }

    public var localParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    var isDepthwise: Bool { groups > 1 && groups == inChannels && groups == outChannels }
    /// 1x1, stride 1, no groups: SAME pads nothing here either, so the input planes are the columns.
    var isPointwise: Bool {
        kernelSize == 1 && stride == 1 && groups == 1 && (padding.isZero || padding == .same)
    }

    public func forward(_ input: consuming Tensor) -> Tensor {
        forward(input, then: nil)
    }

    /// Forward with `following` (a batch norm's scale and shift, a clamp) applied to each output value
    /// on its way out of the product, after this layer's own bias: the fused inference path.
    func forward(_ input: consuming Tensor, then following: ConvEpilogue?) -> Tensor {
        let input = input
        input.requireShape(input.rank == 4 && input.channels == inChannels, "Conv2d(\(inChannels)->\(outChannels))")
        let g = padding.geometry(inputHeight: input.height, inputWidth: input.width, kernel: kernelSize, stride: stride)
        var epilogue = following ?? ConvEpilogue()
        epilogue.bias = bias?.value.values
        var output = Tensor(uninitializedShape: [input.batchSize, outChannels, g.outputHeight, g.outputWidth])
        let batch = input.batchSize
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in
                if usesWinograd(g) {
                    forwardWinograd(x.baseAddress!, y.baseAddress!, batch: batch, g, epilogue: epilogue)
                    return
                }
                weight.value.withUnsafeBufferPointer { w in
                    if isDepthwise {
                        Depthwise.forward(input: x.baseAddress!, weight: w.baseAddress!, output: y.baseAddress!,
                                          batch: batch, channels: inChannels, geometry: g)
                        epilogue.apply(to: y.baseAddress!, planes: batch * outChannels, plane: g.outputPlane,
                                       channels: outChannels)
                    } else {
                        forwardGemm(x.baseAddress!, w.baseAddress!, y.baseAddress!, batch: batch, g, epilogue: epilogue)
                    }
                }
            }
        }
        if mode != .inference {
            savedGeometry = g
            savedInput = input
        } else {
            savedInput = nil
        }
        return output
    }

    private func forwardGemm(
        _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
        _ g: ConvGeometry, epilogue: ConvEpilogue
    ) {
        if groups == 1 && batch > 1 && g.outputPlane < Self.batchedPlaneLimit {
            forwardBatched(x, w, y, batch: batch, g, epilogue: epilogue)
            return
        }
        let groupIn = inChannels / groups, groupOut = outChannels / groups
        let taps = groupIn * g.kernelArea
        let col = isPointwise ? nil : columns.buffer(taps * g.outputPlane)
        for image in 0..<batch {
            for group in 0..<groups {
                let source = x + (image * inChannels + group * groupIn) * g.inputPlane
                if let col {
                    Im2col.unfold(input: source, channels: groupIn, geometry: g, columns: col)
                }
                Gemm.multiply(
                    transposeA: false, transposeB: false, m: groupOut, n: g.outputPlane, k: taps,
                    a: w + group * groupOut * taps, lda: taps, b: UnsafePointer(col) ?? source, ldb: g.outputPlane,
                    beta: 0, c: y + (image * outChannels + group * groupOut) * g.outputPlane, ldc: g.outputPlane)
            }
            // While this image's output is still in cache.
            epilogue.apply(to: y + image * outChannels * g.outputPlane, planes: outChannels, plane: g.outputPlane,
                           channels: outChannels, offset: image * outChannels * g.outputPlane)
        }
    }

    /// Output planes smaller than this (e.g. 14x14, 7x7) make thin per-image products; the whole
    /// batch then goes through one product on a wide column matrix instead.
    static let batchedPlaneLimit = 400

    /// One GEMM for the whole batch: columns [taps, batch * plane], output [outC, batch * plane],
    /// then scattered back to NCHW through the epilogue.
    private func forwardBatched(
        _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int,
        _ g: ConvGeometry, epilogue: ConvEpilogue
    ) {
        let taps = inChannels * g.kernelArea, plane = g.outputPlane, width = batch * plane
        let col = columns.buffer(taps * width + outChannels * width)
        let wide = col + taps * width
        let inChannels = inChannels, outChannels = outChannels
        unfoldBatch(x, into: col, batch: batch, g)
        Gemm.multiply(transposeA: false, transposeB: false, m: outChannels, n: width, k: taps,
                      a: w, lda: taps, b: col, ldb: width, beta: 0, c: wide, ldc: width)
        Parallel.forEachChunk(outChannels, minimumPerWorker: 16) { channels in
            for channel in channels {
                for image in 0..<batch {
                    let offset = (image * outChannels + channel) * plane
                    epilogue.apply(wide + channel * width + image * plane, to: y + offset, count: plane,
                                   channel: channel, offset: offset)
                }
            }
        }
    }

}

extension Conv2d {
    /// The column matrix of a whole batch, [taps, batch * plane]: image i's columns start at
    /// column i * plane (its input planes themselves for a pointwise convolution). Shared by the
    /// batched forward and the batched weight gradient.
    func unfoldBatch(_ x: UnsafePointer<Float>, into col: UnsafeMutablePointer<Float>, batch: Int, _ g: ConvGeometry) {
        let plane = g.outputPlane, width = batch * plane
        for image in 0..<batch {
            let source = x + image * inChannels * g.inputPlane
            if isPointwise {
                for channel in 0..<inChannels {
                    (col + channel * width + image * plane).update(from: source + channel * plane, count: plane)
                }
            } else {
                Im2col.unfold(input: source, channels: inChannels, geometry: g, columns: col + image * plane,
                              rowStride: width)
            }
        }
    }
}

extension Padding {
    /// True for no padding at all.
    var isZero: Bool { self == .symmetric(0) }
}
