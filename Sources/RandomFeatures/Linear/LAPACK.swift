import CBLAS

/// Error from a LAPACK routine: its name and its `info` code.
public struct LAPACKError: Error, CustomStringConvertible {
    public let routine: String
    public let info: Int32
    public var description: String { "\(routine) failed with info = \(info)" }
}

/// Dense factorisations through OpenBLAS's LAPACK (column-major Fortran
/// interface; a row-major matrix is passed as its transpose).
public enum LAPACK {
    /// The Haar-distributed orthogonal factor of a square Gaussian matrix.
    ///
    ///     A = QR (Householder, dgeqrf + dorgqr),   Q ← Q · diag(sign Rᵢᵢ)
    ///
    /// The sign fix makes Q exactly Haar when A has iid N(0,1) entries
    /// (Mezzadri, "How to generate random matrices from the classical compact
    /// groups", Notices AMS 2007). `a` is n×n row-major; returns Q row-major.
    public static func haarOrthogonal(fromGaussian a: Matrix<Double>) throws -> Matrix<Double> {
        precondition(a.rows == a.columns, "square matrix expected")
        let n = a.rows
        // Row-major A is column-major Aᵀ. Factor Aᵀ = Q'R'; then A = R'ᵀQ'ᵀ.
        // Instead transpose explicitly so that we factor A itself (column-major).
        var colMajor = a.transposed().storage
        var n32 = Int32(n)
        var tau = [Double](repeating: 0, count: n)
        var info: Int32 = 0
        var lwork: Int32 = -1
        var workQuery = 0.0
        dgeqrf_(&n32, &n32, &colMajor, &n32, &tau, &workQuery, &lwork, &info)
        lwork = Int32(max(workQuery, Double(n)))
        var work = [Double](repeating: 0, count: Int(lwork))
        dgeqrf_(&n32, &n32, &colMajor, &n32, &tau, &work, &lwork, &info)
        if info != 0 { throw LAPACKError(routine: "dgeqrf", info: info) }
        let signs = (0..<n).map { colMajor[$0 * n + $0] < 0 ? -1.0 : 1.0 }
        dorgqr_(&n32, &n32, &n32, &colMajor, &n32, &tau, &work, &lwork, &info)
        if info != 0 { throw LAPACKError(routine: "dorgqr", info: info) }
        // colMajor now holds Q column-major; build row-major Q·diag(sign).
        var q = Matrix<Double>(rows: n, columns: n)
        for j in 0..<n {
            let s = signs[j]
            for i in 0..<n { q.storage[i * n + j] = colMajor[j * n + i] * s }
        }
        return q
    }
}
