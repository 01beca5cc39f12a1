/// Winograd F(2x2, 3x3) convolution for 3x3 stride-1 kernels (Lavin & Gray, "Fast Algorithms for
/// Convolutional Neural Networks", 2015).
///
/// Each 2x2 block of output pixels (a tile) comes from a 4x4 input patch d as Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A:
/// 16 multiplies per tile instead of 36. Over channels that is 16 independent products
/// `M[e] (out x tiles) = U[e] (out x in) · V[e] (in x tiles)` on OpenBLAS, between an input transform
/// (patches to V) and an output transform (M to pixels, through the epilogue), both over two cores.
/// Padding is arbitrary per side (`padTop`, `padLeft`, and the output size decides the rest), so
/// the same code runs symmetric padding, TensorFlow SAME, and the input gradient (a convolution of
/// the output gradient with the rotated, transposed kernel, padded by `2 - pad`).
package enum Winograd {
    /// The sizes of one Winograd convolution.
    package struct Plan {
        package var batch: Int
        package var inChannels: Int
        package var outChannels: Int
        package var inputHeight: Int
        package var inputWidth: Int
        package var outputHeight: Int
        package var outputWidth: Int
        /// Input rows above / columns left of the first output pixel's window (may exceed 1).
        package var padTop: Int
        package var padLeft: Int
        /// Bytes of transformed input plus output per group of images (about the last-level cache).
        package var groupBudgetBytes: Int

        /// The sizes of a convolution of `batch` images; `groupBudgetBytes` keeps its default
        /// unless a caller measures another cache size.
        package init(batch: Int, inChannels: Int, outChannels: Int, inputHeight: Int, inputWidth: Int, outputHeight: Int,
                     outputWidth: Int, padTop: Int, padLeft: Int, groupBudgetBytes: Int = 16 << 20) {
            (self.batch, self.inChannels, self.outChannels) = (batch, inChannels, outChannels)
            (self.inputHeight, self.inputWidth, self.outputHeight, self.outputWidth) = (inputHeight, inputWidth, outputHeight, outputWidth)
            (self.padTop, self.padLeft, self.groupBudgetBytes) = (padTop, padLeft, groupBudgetBytes)
        }

        package var tilesY: Int { (outputHeight + 1) / 2 }
        package var tilesX: Int { (outputWidth + 1) / 2 }
        package var tilesPerImage: Int { tilesY * tilesX }

        /// Images transformed and multiplied together: enough tiles for wide products, few enough
        /// that the transformed input and output (16 floats per tile and channel each) stay near
        /// the last-level cache.
        package var imagesPerGroup: Int {
            let bytesPerImage = 16 * (inChannels + outChannels) * tilesPerImage * 4
            return max(1, min(batch, groupBudgetBytes / max(1, bytesPerImage)))
        }

        /// Floats of scratch `convolve` needs (transformed input and output of one group, plus slack
        /// for vector reads past the last tile).
        package var scratchCount: Int { 16 * (inChannels + outChannels) * imagesPerGroup * tilesPerImage + 16 }
    }

    /// Floats of transformed weights for `outChannels x inChannels` kernels.
    package static func transformedWeightCount(outChannels: Int, inChannels: Int) -> Int { 16 * outChannels * inChannels }

    /// y = epilogue(conv(x, g)) for a batch of NCHW images, given U from `transformWeights`.
    /// With `rotatedWeights`, U belongs to the kernels g[in][out] and the convolution uses
    /// rot180(g) with in and out swapped (the input gradient), read from U without a new transform.
    package static func convolve(
        _ plan: Plan, input x: UnsafePointer<Float>, transformedWeights u: UnsafePointer<Float>,
        rotatedWeights: Bool = false, output y: UnsafeMutablePointer<Float>, epilogue: ConvEpilogue,
        scratch: UnsafeMutablePointer<Float>
    ) {
        let perGroup = plan.imagesPerGroup
        let inPlane = plan.inputHeight * plan.inputWidth, outPlane = plan.outputHeight * plan.outputWidth
        var first = 0
        while first < plan.batch {
            let images = min(perGroup, plan.batch - first)
            let tiles = images * plan.tilesPerImage
            let v = scratch, m = scratch + 16 * plan.inChannels * tiles
            transformInput(plan, x + first * plan.inChannels * inPlane, images: images, into: v)
            multiply(plan, u: u, rotated: rotatedWeights, v: v, m: m, tiles: tiles)
            var groupEpilogue = epilogue
            groupEpilogue.residual = epilogue.residual.map { $0 + first * plan.outChannels * outPlane }
            transformOutput(plan, m, images: images, into: y + first * plan.outChannels * outPlane,
                            epilogue: groupEpilogue)
            first += images
        }
    }

    /// The 16 products M[e] = U[e] · V[e], split over both cores (each product single-threaded when
    /// they are small, each product split in two when they are large).
    private static func multiply(
        _ plan: Plan, u: UnsafePointer<Float>, rotated: Bool, v: UnsafeMutablePointer<Float>,
        m: UnsafeMutablePointer<Float>, tiles: Int
    ) {
        let outC = plan.outChannels, inC = plan.inChannels
        // Rotated: U[mirrored(e)] is stored [inC x outC] (the layer's out x in), used transposed.
        Gemm.multiplyBatch(
            count: 16, transposeA: rotated, m: outC, n: tiles, k: inC,
            a: { u + (rotated ? mirrored($0) : $0) * outC * inC }, lda: rotated ? outC : inC,
            b: { UnsafePointer(v + $0 * inC * tiles) }, ldb: tiles, c: { m + $0 * outC * tiles }, ldc: tiles)
    }
}
