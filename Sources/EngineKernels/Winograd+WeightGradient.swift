/// The Winograd weight gradient. The forward is Y_t = Aᵀ (U ⊙ V_t) A with U = G g Gᵀ, linear in U, so
///
///     dU[e] (out x in) = Σ_t Z[e][t] V[e][t]ᵀ   with Z_t = A dY_t Aᵀ (the 2x2 output-gradient tile)
///     dg = Gᵀ dU G
///
/// 16 products over the tiles on OpenBLAS (4 multiplies per output pixel instead of im2col's 9),
/// between the forward's input transform, an output-gradient transform and a 4x4-to-3x3 transform.
extension Winograd {
    /// dw += dL/dg for the convolution `plan` (forward sizes) of input `x` with output gradient `dy`.
    /// `scratch` holds `plan.scratchCount` floats, `dU` holds `transformedWeightCount` floats.
    package static func accumulateWeightGradient(
        _ plan: Plan, input x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dw: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, dU: UnsafeMutablePointer<Float>
    ) {
        let perGroup = plan.imagesPerGroup, inC = plan.inChannels, outC = plan.outChannels
        let inPlane = plan.inputHeight * plan.inputWidth, outPlane = plan.outputHeight * plan.outputWidth
        var first = 0
        while first < plan.batch {
            let images = min(perGroup, plan.batch - first)
            let tiles = images * plan.tilesPerImage
            let v = scratch, z = scratch + 16 * inC * tiles
            transformInput(plan, x + first * inC * inPlane, images: images, into: v)
            transformOutputGradient(plan, dy + first * outC * outPlane, images: images, into: z)
            Gemm.multiplyBatch(
                count: 16, transposeB: true, m: outC, n: inC, k: tiles,
                a: { UnsafePointer(z + $0 * outC * tiles) }, lda: tiles,
                b: { UnsafePointer(v + $0 * inC * tiles) }, ldb: tiles,
                beta: first == 0 ? 0 : 1, c: { dU + $0 * outC * inC }, ldc: inC)
            first += images
        }
        accumulateKernels(dU, outChannels: outC, inChannels: inC, into: dw)
    }

    /// Z = A dY Aᵀ for every output channel and tile (dY zero beyond the output), laid out [e][out][tile].
    private static func transformOutputGradient(
        _ plan: Plan, _ dy: UnsafePointer<Float>, images: Int, into z: UnsafeMutablePointer<Float>
    ) {
        let tilesX = plan.tilesX, tilesY = plan.tilesY, tiles = images * plan.tilesPerImage
        let height = plan.outputHeight, width = plan.outputWidth, outC = plan.outChannels
        let rowLength = tilesX + 8, stride = outC * tiles
        Parallel.forEachChunk(outC, minimumPerWorker: 1) { channels in
            // Two output rows split into even and odd columns.
            let split = UnsafeMutablePointer<Float>.allocate(capacity: 4 * rowLength)
            split.initialize(repeating: 0, count: 4 * rowLength)
            defer { split.deallocate() }
            for k in channels {
                for n in 0..<images {
                    let plane = dy + (n * outC + k) * height * width
                    for ty in 0..<tilesY {
                        for r in 0..<2 {
                            let row = 2 * ty + r, even = split + 2 * r * rowLength, odd = even + rowLength
                            for m in 0..<tilesX {
                                let inside = row < height
                                even[m] = inside ? plane[row * width + 2 * m] : 0
                                odd[m] = inside && 2 * m + 1 < width ? plane[row * width + 2 * m + 1] : 0
                            }
                        }
                        let target = z + k * tiles + (n * tilesY + ty) * tilesX
                        var tx = 0
                        while tx < tilesX {
                            gradientTile(split + tx, rowLength: rowLength, target: target + tx, stride: stride,
                                         lanes: min(8, tilesX - tx))
                            tx += 8
                        }
                    }
                }
            }
        }
    }

    /// Z = A dY Aᵀ for eight neighbouring 2x2 tiles [[a, b], [c, d]].
    @inline(__always)
    private static func gradientTile(
        _ split: UnsafeMutablePointer<Float>, rowLength: Int, target: UnsafeMutablePointer<Float>, stride: Int,
        lanes: Int
    ) {
        @inline(__always) func load(_ p: UnsafeMutablePointer<Float>) -> Vector {
            UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
        }
        let a = load(split), b = load(split + rowLength), c = load(split + 2 * rowLength), d = load(split + 3 * rowLength)
        // A dY: rows (a, b), (a + c, b + d), (a - c, b - d), (-c, -d); then each row (p, q) · Aᵀ.
        @inline(__always) func row(_ i: Int, _ p: Vector, _ q: Vector) {
            store(p, target + (4 * i) * stride, lanes)
            store(p + q, target + (4 * i + 1) * stride, lanes)
            store(p - q, target + (4 * i + 2) * stride, lanes)
            store(Vector() - q, target + (4 * i + 3) * stride, lanes)
        }
        row(0, a, b)
        row(1, a + c, b + d)
        row(2, a - c, b - d)
        row(3, Vector() - c, Vector() - d)
    }

    /// dw[out][in] += Gᵀ dU G (4x4 to 3x3) for every pair: one product on OpenBLAS,
    /// dW (pairs x 9) += dUᵀ (pairs x 16) · (G ⊗ G) (16 x 9), since dg[ky][kx] = Σ_ab G[a][ky] dU[a][b] G[b][kx].
    private static func accumulateKernels(
        _ dU: UnsafePointer<Float>, outChannels: Int, inChannels: Int, into dw: UnsafeMutablePointer<Float>
    ) {
        let pairs = outChannels * inChannels
        kroneckerG.withUnsafeBufferPointer { t in
            Gemm.multiply(transposeA: true, transposeB: false, m: pairs, n: 9, k: 16, a: dU, lda: pairs,
                          b: t.baseAddress!, ldb: 9, beta: 1, c: dw, ldc: 9)
        }
    }
}
