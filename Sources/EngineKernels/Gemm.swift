import COpenBLAS

#if os(Linux)
/// glibc's `mallopt` (malloc.h is not part of the Glibc module).
@_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
private let mallocMmapMaximum: Int32 = -4     // M_MMAP_MAX
private let mallocTrimThreshold: Int32 = -1   // M_TRIM_THRESHOLD
#endif

/// Row-major single-precision matrix products on OpenBLAS.
///
/// OpenBLAS runs single-threaded and large products are split over the engine's own two
/// workers instead: OpenBLAS's idle threads otherwise spin (sched_yield) against the engine's
/// workers during the non-BLAS work between products.
package enum Gemm {
    /// Below this many multiply-adds a product runs on the calling thread only.
    package static let splitThreshold = 1 << 18

    /// Configures OpenBLAS (one thread) and malloc once.
    package static let configured: Bool = {
        openblas_set_num_threads(1)
        #if os(Linux)
        // Keep large tensors in the heap: fresh mmap'd blocks page-fault (and the kernel zeroes
        // every page) on every iteration. glibc caps M_MMAP_THRESHOLD at 32 MiB, so raising it
        // does not reach a batch-32 activation; M_MMAP_MAX 0 turns mmap off for the main arena
        // (other threads' arenas still fall back to mmap when their heaps cannot grow).
        _ = mallopt(mallocMmapMaximum, 0)
        _ = mallopt(mallocTrimThreshold, Int32.max)
        #endif
        return true
    }()

    /// C (m x n) = alpha * op(A) * op(B) + beta * C, all row-major with the given leading dimensions.
    package static func multiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        _ = configured
        let workers = m * n * k >= splitThreshold ? Parallel.workerCount : 1
        if n >= m {
            // Split the columns of C (and of op(B)).
            Parallel.forEachChunk(n, minimumPerWorker: max(1, n / workers)) { columns in
                call(transposeA, transposeB, m, columns.count, k, alpha, a, lda,
                     transposeB ? b + columns.lowerBound * ldb : b + columns.lowerBound, ldb,
                     beta, c + columns.lowerBound, ldc)
            }
        } else {
            // Split the rows of C (and of op(A)).
            Parallel.forEachChunk(m, minimumPerWorker: max(1, m / workers)) { rows in
                call(transposeA, transposeB, rows.count, n, k, alpha,
                     transposeA ? a + rows.lowerBound : a + rows.lowerBound * lda, lda, b, ldb,
                     beta, c + rows.lowerBound * ldc, ldc)
            }
        }
    }

    /// `count` independent products C_i = op(A_i) · op(B_i) + beta C_i, the products shared out
    /// between the workers, each running single-threaded.
    package static func multiplyBatch(
        count: Int, transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
        a: (Int) -> UnsafePointer<Float>, lda: Int, b: (Int) -> UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: (Int) -> UnsafeMutablePointer<Float>, ldc: Int
    ) {
        _ = configured
        Parallel.forEachChunk(count, minimumPerWorker: m * n * k * count >= splitThreshold ? 1 : count) { items in
            for item in items {
                call(transposeA, transposeB, m, n, k, 1, a(item), lda, b(item), ldb, beta, c(item), ldc)
            }
        }
    }

    @inline(__always)
    private static func call(
        _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
        _ beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
