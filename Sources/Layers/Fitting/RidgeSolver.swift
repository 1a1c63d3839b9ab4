import CBLAS
import RandomFeatures

/// Closed-form ridge least squares through OpenBLAS's LAPACK (ALGORITHMS.md §6.2):
///
///     Θ = argmin ‖F Θ − Y‖²_F + λ‖Θ‖²_F = (FᵀF + λI)⁻¹ FᵀY
///
/// solved as the ordinary least-squares problem of the augmented matrix
///
///     [ F    ]  Θ ≈ [ Y ]
///     [ √λ·I ]       [ 0 ]
///
/// by Householder QR (`dgels`), in Double, so FᵀF is never formed (its condition
/// number is the square of F's). With λ > 0 the augmented matrix has full column
/// rank, so rank-deficient or collinear features (n < D, ALGORITHMS.md §8.6)
/// still give a finite solution. With λ = 0, F must have full column rank.
public enum RidgeSolver {
    /// - Parameters:
    ///   - features: F, n × D.
    ///   - targets: Y, n × l.
    ///   - ridge: λ ≥ 0.
    /// - Returns: Θ, D × l.
    public static func solve(features f: Matrix<Double>, targets y: Matrix<Double>, ridge lambda: Double) throws -> Matrix<Double> {
        precondition(f.rows == y.rows, "F and Y must have the same number of rows")
        precondition(lambda >= 0 && lambda.isFinite, "ridge must be finite and >= 0")
        let n = f.rows, dim = f.columns, l = y.columns
        let augmented = lambda > 0 ? n + dim : n
        guard augmented >= dim else {
            throw LayerError("least squares: \(n) calibration rows for \(dim) unknowns; give more rows or --ridge > 0")
        }
        // Column-major A (augmented × D) and B (augmented × l).
        var a = [Double](repeating: 0, count: augmented * dim)
        for i in 0..<n {
            for j in 0..<dim { a[j * augmented + i] = f.storage[i * dim + j] }
        }
        if lambda > 0 {
            let s = lambda.squareRoot()
            for j in 0..<dim { a[j * augmented + n + j] = s }
        }
        var b = [Double](repeating: 0, count: augmented * l)
        for i in 0..<n {
            for j in 0..<l { b[j * augmented + i] = y.storage[i * l + j] }
        }
        // OpenBLAS splits the level-2 products inside the Householder QR (dgemv 'T', a sum
        // over rows) across threads, so the rounding, and the fitted bytes, would depend on
        // the thread count. One thread for the solve keeps "same seed, same bytes" (checked:
        // dyad weights differed between OPENBLAS_NUM_THREADS=1 and 2 before this).
        let threads = openblas_get_num_threads()
        openblas_set_num_threads(1)
        defer { openblas_set_num_threads(threads) }
        var trans = CChar(UInt8(ascii: "N"))
        var m32 = Int32(augmented), n32 = Int32(dim), nrhs = Int32(l)
        var lda = Int32(augmented), ldb = Int32(augmented)
        var info: Int32 = 0
        var lwork: Int32 = -1
        var query = 0.0
        dgels_(&trans, &m32, &n32, &nrhs, &a, &lda, &b, &ldb, &query, &lwork, &info)
        lwork = Int32(max(query, 1))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgels_(&trans, &m32, &n32, &nrhs, &a, &lda, &b, &ldb, &work, &lwork, &info)
        if info < 0 { throw LayerError("dgels failed with info = \(info)") }
        if info > 0 {
            throw LayerError("least squares: the features are rank deficient (R(\(info),\(info)) = 0); use --ridge > 0")
        }
        var theta = Matrix<Double>(rows: dim, columns: l)
        for j in 0..<l {
            for i in 0..<dim { theta.storage[i * l + j] = b[j * augmented + i] }
        }
        return theta
    }
}
