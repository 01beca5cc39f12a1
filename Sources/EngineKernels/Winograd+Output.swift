/// The Winograd output transform: Y = Aᵀ M A per tile, then the epilogue on the way to NCHW.
extension Winograd {
    /// Writes every output channel and pixel of `images` images from M.
    ///
    /// Eight neighbouring tiles are transformed as vectors and interleaved into two full output rows
    /// (a scratch pair), which then pass through the epilogue into place.
    package static func transformOutput(
        _ plan: Plan, _ m: UnsafePointer<Float>, images: Int, into y: UnsafeMutablePointer<Float>,
        epilogue: ConvEpilogue
    ) {
        let tilesX = plan.tilesX, tilesY = plan.tilesY, tiles = images * plan.tilesPerImage
        let height = plan.outputHeight, width = plan.outputWidth, outC = plan.outChannels
        let stride = outC * tiles, rowLength = 2 * tilesX + 16
        Parallel.forEachChunk(outC, minimumPerWorker: 1) { channels in
            let rows = UnsafeMutablePointer<Float>.allocate(capacity: 2 * rowLength)
            defer { rows.deallocate() }
            for k in channels {
                for n in 0..<images {
                    for ty in 0..<tilesY {
                        let source = m + k * tiles + (n * tilesY + ty) * tilesX
                        var tx = 0
                        while tx < tilesX {
                            outputTile(source + tx, stride: stride, rows: rows + 2 * tx, rowLength: rowLength,
                                       lanes: min(8, tilesX - tx))
                            tx += 8
                        }
                        let offset = (n * outC + k) * height * width + 2 * ty * width
                        epilogue.apply(rows, to: y + offset, count: width, channel: k, offset: offset)
                        if 2 * ty + 1 < height {
                            epilogue.apply(rows + rowLength, to: y + offset + width, count: width, channel: k,
                                           offset: offset + width)
                        }
                    }
                }
            }
        }
    }

    /// Transforms eight neighbouring tiles and interleaves their 2x2 outputs into the two rows.
    /// Reads eight lanes even when fewer are valid (the scratch has slack); writes `lanes` tiles.
    @inline(__always)
    private static func outputTile(
        _ source: UnsafePointer<Float>, stride: Int, rows: UnsafeMutablePointer<Float>, rowLength: Int, lanes: Int
    ) {
        @inline(__always) func load(_ e: Int) -> Vector {
            UnsafeRawPointer(source + e * stride).loadUnaligned(as: Vector.self)
        }
        // Aᵀ M: s0 = m0 + m1 + m2, s1 = m1 - m2 - m3 over the rows of M, for each column b.
        @inline(__always) func column(_ b: Int) -> (Vector, Vector) {
            let m0 = load(b), m1 = load(4 + b), m2 = load(8 + b), m3 = load(12 + b)
            return (m0 + m1 + m2, m1 - m2 - m3)
        }
        let c0 = column(0), c1 = column(1), c2 = column(2), c3 = column(3)
        // (Aᵀ M) A over the columns.
        let y00 = c0.0 + c1.0 + c2.0, y01 = c1.0 - c2.0 - c3.0
        let y10 = c0.1 + c1.1 + c2.1, y11 = c1.1 - c2.1 - c3.1
        var top = SIMD16<Float>(), bottom = SIMD16<Float>()
        (top.evenHalf, top.oddHalf, bottom.evenHalf, bottom.oddHalf) = (y00, y01, y10, y11)
        if lanes == 8 {
            UnsafeMutableRawPointer(rows).storeBytes(of: top, as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(rows + rowLength).storeBytes(of: bottom, as: SIMD16<Float>.self)
        } else {
            for index in 0..<2 * lanes {
                rows[index] = top[index]
                rows[rowLength + index] = bottom[index]
            }
        }
    }
}
