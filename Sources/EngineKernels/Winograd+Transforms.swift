/// The three Winograd F(2x2, 3x3) transforms. Matrices (Lavin & Gray):
///
///     Bᵀ = [1  0 -1  0]     G = [ 1    0    0 ]     Aᵀ = [1  1  1  0]
///          [0  1  1  0]         [1/2  1/2  1/2]          [0  1 -1 -1]
///          [0 -1  1  0]         [1/2 -1/2  1/2]
///          [0  1  0 -1]         [ 0    0    1 ]
///
/// Layouts: U[e][out][in], V[e][in][tile], M[e][out][tile] for e = 4 * row + column of the 4x4
/// transformed tile; tiles run image by image, row by row.
extension Winograd {
    package typealias Vector = SIMD8<Float>

    /// U = G g Gᵀ for every kernel pair, laid out [e][out][in]: one product on OpenBLAS,
    /// U (16 x pairs) = (G ⊗ G) (16 x 9) · Wᵀ (9 x pairs), W being the weight as stored.
    ///
    /// The input gradient needs no second transform: its kernels are rot180(g) with in and out
    /// swapped, and G J = P G (J reverses the three taps, P swaps rows 0 and 3 of G), so
    /// G rot180(g) Gᵀ = P U Pᵀ: the same U, read transposed at the permuted element `mirrored(e)`.
    package static func transformWeights(
        _ w: UnsafePointer<Float>, outChannels: Int, inChannels: Int, into u: UnsafeMutablePointer<Float>
    ) {
        let pairs = outChannels * inChannels
        kroneckerG.withUnsafeBufferPointer { t in
            Gemm.multiply(transposeA: false, transposeB: true, m: 16, n: pairs, k: 9, a: t.baseAddress!, lda: 9,
                          b: w, ldb: 9, beta: 0, c: u, ldc: pairs)
        }
    }

    /// G ⊗ G, 16 x 9: row 4a + b, column 3 * ky + kx holds G[a][ky] * G[b][kx].
    package static let kroneckerG: [Float] = {
        let g: [[Float]] = [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]]
        var result = [Float](repeating: 0, count: 16 * 9)
        for a in 0..<4 {
            for b in 0..<4 {
                for ky in 0..<3 {
                    for kx in 0..<3 { result[(4 * a + b) * 9 + 3 * ky + kx] = g[a][ky] * g[b][kx] }
                }
            }
        }
        return result
    }()

    /// The element of U that element `e` of the rotated kernel's transform equals (rows and columns
    /// 0 and 3 swapped).
    package static func mirrored(_ e: Int) -> Int {
        let swap = [3, 1, 2, 0]
        return 4 * swap[e / 4] + swap[e % 4]
    }

    /// V = Bᵀ d B for every input channel and tile of `images` images.
    ///
    /// Each input row is first split into even and odd columns (zero outside the image), so that
    /// eight neighbouring tiles load as contiguous vectors; a tile row shares two input rows with
    /// the next, so each row is split once per tile row pair.
    package static func transformInput(_ plan: Plan, _ x: UnsafePointer<Float>, images: Int, into v: UnsafeMutablePointer<Float>) {
        let tilesX = plan.tilesX, tilesY = plan.tilesY, tiles = images * plan.tilesPerImage
        let height = plan.inputHeight, width = plan.inputWidth, inC = plan.inChannels
        let rowLength = tilesX + 1 + 8, stride = inC * tiles
        Parallel.forEachChunk(inC, minimumPerWorker: 1) { channels in
            let buffer = UnsafeMutablePointer<Float>.allocate(capacity: 8 * rowLength + 2 * rowLength)
            buffer.initialize(repeating: 0, count: 10 * rowLength)
            defer { buffer.deallocate() }
            let line = buffer + 8 * rowLength
            for c in channels {
                for n in 0..<images {
                    let plane = x + (n * inC + c) * height * width
                    // Four slots of split rows (even columns, then odd), rotated down by two per tile row.
                    var slots = (buffer, buffer + 2 * rowLength, buffer + 4 * rowLength, buffer + 6 * rowLength)
                    for ty in 0..<tilesY {
                        let top = 2 * ty - plan.padTop
                        if ty == 0 {
                            splitRow(plane, row: top, plan, line: line, into: slots.0, rowLength: rowLength)
                            splitRow(plane, row: top + 1, plan, line: line, into: slots.1, rowLength: rowLength)
                        } else {
                            slots = (slots.2, slots.3, slots.0, slots.1)
                        }
                        splitRow(plane, row: top + 2, plan, line: line, into: slots.2, rowLength: rowLength)
                        splitRow(plane, row: top + 3, plan, line: line, into: slots.3, rowLength: rowLength)
                        let target = v + c * tiles + (n * tilesY + ty) * tilesX
                        var tx = 0
                        while tx < tilesX {
                            inputTile((slots.0 + tx, slots.1 + tx, slots.2 + tx, slots.3 + tx), rowLength: rowLength,
                                      target: target + tx, stride: stride, lanes: min(8, tilesX - tx))
                            tx += 8
                        }
                    }
                }
            }
        }
    }

    /// even[m] = x[row][2m - padLeft], odd[m] = x[row][2m + 1 - padLeft] (odd at `rowLength` after
    /// even), zero outside the image; `line` is scratch for the zero-padded row.
    @inline(__always)
    private static func splitRow(
        _ plane: UnsafePointer<Float>, row: Int, _ plan: Plan, line: UnsafeMutablePointer<Float>,
        into even: UnsafeMutablePointer<Float>, rowLength: Int
    ) {
        let count = plan.tilesX + 1, width = plan.inputWidth, odd = even + rowLength
        guard row >= 0 && row < plan.inputHeight else {
            even.update(repeating: 0, count: count)
            odd.update(repeating: 0, count: count)
            return
        }
        // line[j] = x[row][j - padLeft] for j in 0..<2 * count.
        let padded = 2 * count, first = max(0, plan.padLeft), last = min(padded, plan.padLeft + width)
        line.update(repeating: 0, count: padded)
        if last > first {
            (line + first).update(from: plane + row * width + (first - plan.padLeft), count: last - first)
        }
        var m = 0
        while m + 8 <= count {
            let pairs = UnsafeRawPointer(line + 2 * m).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(even + m).storeBytes(of: pairs.evenHalf, as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(odd + m).storeBytes(of: pairs.oddHalf, as: SIMD8<Float>.self)
            m += 8
        }
        while m < count {
            even[m] = line[2 * m]
            odd[m] = line[2 * m + 1]
            m += 1
        }
    }

    /// Transforms eight neighbouring tiles (the split rows of their patch rows) and stores `lanes` of them.
    @inline(__always)
    private static func inputTile(
        _ rows: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>,
                 UnsafeMutablePointer<Float>),
        rowLength: Int, target: UnsafeMutablePointer<Float>, stride: Int, lanes: Int
    ) {
        @inline(__always) func load(_ p: UnsafeMutablePointer<Float>) -> Vector {
            UnsafeRawPointer(p).loadUnaligned(as: Vector.self)
        }
        // Patch row i: columns even[tx], odd[tx], even[tx+1], odd[tx+1]; first d B per row.
        @inline(__always) func row(_ even: UnsafeMutablePointer<Float>) -> (Vector, Vector, Vector, Vector) {
            let odd = even + rowLength
            let d0 = load(even), d1 = load(odd), d2 = load(even + 1), d3 = load(odd + 1)
            return (d0 - d2, d1 + d2, d2 - d1, d1 - d3)
        }
        let r0 = row(rows.0), r1 = row(rows.1), r2 = row(rows.2), r3 = row(rows.3)
        // Then Bᵀ (d B), column by column; element (a, b) goes to V[4a + b].
        @inline(__always) func column(_ b: Int, _ c0: Vector, _ c1: Vector, _ c2: Vector, _ c3: Vector) {
            store(c0 - c2, target + b * stride, lanes)
            store(c1 + c2, target + (4 + b) * stride, lanes)
            store(c2 - c1, target + (8 + b) * stride, lanes)
            store(c1 - c3, target + (12 + b) * stride, lanes)
        }
        column(0, r0.0, r1.0, r2.0, r3.0)
        column(1, r0.1, r1.1, r2.1, r3.1)
        column(2, r0.2, r1.2, r2.2, r3.2)
        column(3, r0.3, r1.3, r2.3, r3.3)
    }

    @inline(__always)
    package static func store(_ value: Vector, _ target: UnsafeMutablePointer<Float>, _ lanes: Int) {
        if lanes == 8 {
            UnsafeMutableRawPointer(target).storeBytes(of: value, as: Vector.self)
        } else {
            for lane in 0..<lanes { target[lane] = value[lane] }
        }
    }
}
