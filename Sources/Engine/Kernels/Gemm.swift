import COpenBLAS

/// Row-major single-precision matrix products on OpenBLAS.
enum Gemm {
    /// Sets OpenBLAS's thread count once (two threads: one per core).
    static let configured: Bool = {
        openblas_set_num_threads(Int32(Parallel.workerCount))
        return true
    }()

    /// C (m x n) = alpha * op(A) * op(B) + beta * C, all row-major with the given leading dimensions.
    @inline(__always)
    static func multiply(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        _ = configured
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
