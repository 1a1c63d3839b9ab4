import RandomFeatures

/// Strided single-precision GEMM on sub-blocks of row-major buffers, for layers
/// whose forward pass multiplies blocks of a batch (DYAD) rather than whole
/// matrices. A thin call of `cblas_sgemm` through `Float.gemm`.
enum FloatGEMM {
    /// C[0..<m, 0..<n] ← A·Bᵀ + β·C, with A m×k (row stride lda), B n×k (row stride ldb),
    /// C m×n (row stride ldc): each pointer is the block's first entry.
    @inline(__always)
    static func multiplyByTranspose(m: Int, n: Int, k: Int,
                                    a: UnsafePointer<Float>, lda: Int,
                                    b: UnsafePointer<Float>, ldb: Int,
                                    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        Float.gemm(transposeA: false, transposeB: true, m: m, n: n, k: k,
                   alpha: 1, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

extension Matrix where Scalar == Float {
    /// The matrix as a 1 × count row (how a vector is stored in a layer file).
    static func row(_ values: [Float]) -> Matrix<Float> {
        Matrix(rows: 1, columns: values.count, storage: values)
    }
}
