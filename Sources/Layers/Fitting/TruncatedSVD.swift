import CBLAS
import RandomFeatures

/// The leading right singular vectors of a matrix, through LAPACK's divide-and-conquer SVD (`dgesdd`).
enum TruncatedSVD {
    /// For W (rows × columns, row-major) = U S Vᵀ, returns S (descending) and the first `rank`
    /// rows of Vᵀ (rank × columns, row-major: one right singular vector a row).
    static func rightSingularVectors(of w: Matrix<Double>, rank: Int) throws -> (values: [Double], vt: Matrix<Double>) {
        let rows = w.rows, cols = w.columns, k = min(rows, cols)
        precondition(rank >= 1 && rank <= k)
        // Row-major W is column-major Wᵀ (cols × rows). Wᵀ = U' S V'ᵀ, so the right singular
        // vectors of W are the left singular vectors of Wᵀ: the columns of U' (cols × k).
        var a = w.storage
        var jobz = CChar(UInt8(ascii: "S"))
        var m32 = Int32(cols), n32 = Int32(rows), lda = Int32(cols)
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: cols * k)
        var vt = [Double](repeating: 0, count: k * rows)
        var ldu = Int32(cols), ldvt = Int32(k)
        var iwork = [Int32](repeating: 0, count: 8 * k)
        var info: Int32 = 0, lwork: Int32 = -1
        var query = 0.0
        dgesdd_(&jobz, &m32, &n32, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &query, &lwork, &iwork, &info)
        lwork = Int32(max(query, 1))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgesdd_(&jobz, &m32, &n32, &a, &lda, &s, &u, &ldu, &vt, &ldvt, &work, &lwork, &iwork, &info)
        if info != 0 { throw LayerError("dgesdd failed with info = \(info)") }
        // Column j of U' (column-major, contiguous) is right singular vector j of W.
        let top = Matrix<Double>(rows: rank, columns: cols, storage: Array(u[0..<(rank * cols)]))
        return (s, top)
    }
}
