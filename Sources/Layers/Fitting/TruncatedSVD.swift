import CBLAS
import RandomFeatures

/// The leading right singular vectors of a matrix W: the leading eigenvectors of the
/// Gram matrix WᵀW (`cblas_dsyrk`), computed for the top r eigenvalues only by LAPACK's
/// MRRR solver (`dsyevr`, RANGE = 'I'), in Double.
///
///     W = U S Vᵀ  ⇒  WᵀW = V S² Vᵀ:   the first r rows of Vᵀ, sᵢ = √λᵢ(WᵀW)
///
/// At 4096 × 4096 this is several times faster than a full SVD (`dgesdd` computes all of
/// U and V). Forming WᵀW squares W's condition number, which limits the accuracy of the
/// *small* singular directions; the leading ones used here are accurate to about
/// ε·s₁²/(s_r² − s_{r+1}²) (Davis–Kahan), far below Float rounding for the teachers we fit.
enum TruncatedSVD {
    /// For W (rows × columns, row-major), returns the r largest singular values (descending)
    /// and the first r rows of Vᵀ (r × columns, row-major: one right singular vector a row).
    static func rightSingularVectors(of w: Matrix<Double>, rank r: Int) throws -> (values: [Double], vt: Matrix<Double>) {
        let n = w.columns
        precondition(r >= 1 && r <= min(w.rows, n))
        var a = DiagonalLeastSquares.gram(w).storage   // WᵀW, symmetric: row- and column-major alike
        var jobz = CChar(UInt8(ascii: "V")), range = CChar(UInt8(ascii: "I")), uplo = CChar(UInt8(ascii: "L"))
        var n32 = Int32(n), lda = Int32(n), il = Int32(n - r + 1), iu = Int32(n)
        var vl = 0.0, vu = 0.0, abstol = 0.0
        var found: Int32 = 0
        var eigenvalues = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n * r)
        var ldz = Int32(n)
        var support = [Int32](repeating: 0, count: 2 * r)
        var info: Int32 = 0, lwork: Int32 = -1, liwork: Int32 = -1
        var workQuery = 0.0
        var iworkQuery: Int32 = 0
        dsyevr_(&jobz, &range, &uplo, &n32, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &eigenvalues, &z, &ldz,
                &support, &workQuery, &lwork, &iworkQuery, &liwork, &info)
        lwork = Int32(max(workQuery, 1))
        liwork = max(iworkQuery, 1)
        var work = [Double](repeating: 0, count: Int(lwork))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        dsyevr_(&jobz, &range, &uplo, &n32, &a, &lda, &vl, &vu, &il, &iu, &abstol, &found, &eigenvalues, &z, &ldz,
                &support, &work, &lwork, &iwork, &liwork, &info)
        if info != 0 { throw LayerError("dsyevr failed with info = \(info)") }
        guard found == Int32(r) else { throw LayerError("dsyevr returned \(found) eigenpairs, expected \(r)") }
        // Eigenvalues come ascending, eigenvector j in column j of z (column-major, contiguous).
        var vt = Matrix<Double>(rows: r, columns: n)
        var values = [Double](repeating: 0, count: r)
        for i in 0..<r {
            let j = r - 1 - i
            values[i] = max(eigenvalues[j], 0).squareRoot()
            for k in 0..<n { vt.storage[i * n + k] = z[j * n + k] }
        }
        return (values, vt)
    }
}
