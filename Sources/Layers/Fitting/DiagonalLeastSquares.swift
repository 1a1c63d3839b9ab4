import CBLAS
import RandomFeatures

/// Closed-form least squares for a diagonal scaling inside a fixed linear map,
/// with a free bias: the one step that PRP's alternating fit and ACDC's fit
/// repeat (ALGORITHMS.md §6.4, §6.6; derivation below is ours, `[derived]`).
///
///     min over δ ∈ Rᴺ, b ∈ Rˡ of  Σᵣ ‖M (δ ⊙ uᵣ) + b − zᵣ‖² + λ‖δ‖²
///
/// with inputs uᵣ (rows of U, n × N), a fixed map M (l × N) and targets zᵣ
/// (rows of Z, n × l). For fixed δ the best bias is b = z̄ − M(δ ⊙ ū) (means over
/// rows), so centring U and Z (Ũ, Z̃) removes b, and the objective in δ is
///
///     δᵀ G δ − 2 δᵀ c,   G = (ŨᵀŨ) ∘ (MᵀM) + λI,   cₖ = Σᵣ ũᵣₖ (Z̃ M)ᵣₖ
///
/// (∘ is the entry-wise product: the design matrix has rows (M_{o,k} ũ_{r,k})ₖ,
/// one per (r, o) pair, so its Gram matrix is the Hadamard product of the two
/// Gram matrices). δ solves G δ = c by Cholesky (LAPACK `dposv`), in Double.
///
/// The normal equations are used (rather than QR of the design, as `RidgeSolver`
/// does) because the design has n·l rows: 256·4096 × 4096 at the benchmark
/// shape is too large to form. Built and factored in Double, G's squared
/// condition number stays far from Double's precision for these problems.
public enum DiagonalLeastSquares {
    /// The inputs U prepared once for several solves with different maps or targets:
    /// column means ū, the centred Ũ and its Gram matrix ŨᵀŨ (`cblas_dsyrk`).
    public struct Inputs: Sendable {
        public let mean: [Double]
        public let centered: Matrix<Double>
        public let gram: Matrix<Double>

        public init(_ u: Matrix<Double>) {
            mean = DiagonalLeastSquares.columnMeans(u)
            var c = u
            let dim = u.columns
            for r in 0..<u.rows {
                for k in 0..<dim { c.storage[r * dim + k] -= mean[k] }
            }
            centered = c
            gram = DiagonalLeastSquares.gram(c)
        }
    }

    /// - Returns: δ (N entries) and b (l entries).
    public static func solve(inputs u: Matrix<Double>, map m: Matrix<Double>, targets z: Matrix<Double>,
                             ridge lambda: Double) throws -> (scale: [Double], bias: [Double]) {
        try solve(inputs: Inputs(u), map: m, mapGram: gram(m), targets: z, ridge: lambda)
    }

    /// The same with U prepared (`Inputs`) and MᵀM given (both reused across an alternating fit).
    public static func solve(inputs u: Inputs, map m: Matrix<Double>, mapGram mm: Matrix<Double>, targets z: Matrix<Double>,
                             ridge lambda: Double) throws -> (scale: [Double], bias: [Double]) {
        let uc = u.centered
        precondition(uc.rows == z.rows && m.columns == uc.columns && m.rows == z.columns, "shapes differ")
        precondition(mm.rows == m.columns && mm.columns == m.columns, "MᵀM must be N × N")
        let n = uc.rows, dim = uc.columns, l = m.rows
        let zMean = columnMeans(z)
        var zc = z
        for r in 0..<n {
            for o in 0..<l { zc.storage[r * l + o] -= zMean[o] }
        }
        var g = u.gram
        for i in g.storage.indices { g.storage[i] *= mm.storage[i] }
        for k in 0..<dim { g.storage[k * dim + k] += lambda }
        let zm = zc.multiplied(by: m)   // n × N
        var c = [Double](repeating: 0, count: dim)
        for r in 0..<n {
            for k in 0..<dim { c[k] += uc.storage[r * dim + k] * zm.storage[r * dim + k] }
        }
        var uplo = CChar(UInt8(ascii: "L"))
        var n32 = Int32(dim), nrhs: Int32 = 1, lda = Int32(dim), ldb = Int32(dim), info: Int32 = 0
        dposv_(&uplo, &n32, &nrhs, &g.storage, &lda, &c, &ldb, &info)
        if info < 0 { throw LayerError("dposv failed with info = \(info)") }
        if info > 0 {
            throw LayerError("least squares: the diagonal fit is singular (leading minor \(info) not positive); use --ridge > 0 or more calibration rows")
        }
        // b = z̄ − M(δ ⊙ ū)
        var bias = zMean
        for o in 0..<l {
            var s = 0.0
            for k in 0..<dim { s += m.storage[o * dim + k] * c[k] * u.mean[k] }
            bias[o] -= s
        }
        return (c, bias)
    }

    static func columnMeans(_ a: Matrix<Double>) -> [Double] {
        var mean = [Double](repeating: 0, count: a.columns)
        guard a.rows > 0 else { return mean }
        for r in 0..<a.rows {
            for k in 0..<a.columns { mean[k] += a.storage[r * a.columns + k] }
        }
        return mean.map { $0 / Double(a.rows) }
    }

    /// AᵀA (columns × columns): one `cblas_dsyrk` (half the work of a GEMM), then the
    /// lower triangle mirrored.
    public static func gram(_ a: Matrix<Double>) -> Matrix<Double> {
        let dim = a.columns
        var g = Matrix<Double>(rows: dim, columns: dim)
        if a.rows == 0 || dim == 0 { return g }
        a.storage.withUnsafeBufferPointer { p in
            g.storage.withUnsafeMutableBufferPointer { out in
                cblas_dsyrk(CblasRowMajor, CblasLower, CblasTrans, blasint(dim), blasint(a.rows),
                            1, p.baseAddress!, blasint(dim), 0, out.baseAddress!, blasint(dim))
            }
        }
        for i in 0..<dim {
            for j in (i + 1)..<dim { g.storage[i * dim + j] = g.storage[j * dim + i] }
        }
        return g
    }
}

extension DiagonalLeastSquares {
    /// The special case M = I: each output o is an independent simple regression
    ///
    ///     min over wₒ, bₒ of Σᵣ (wₒ uᵣₒ + bₒ − zᵣₒ)² + λ wₒ²
    ///     wₒ = Σᵣ ũᵣₒ z̃ᵣₒ / (Σᵣ ũᵣₒ² + λ),   bₒ = z̄ₒ − wₒ ūₒ
    ///
    /// (the general solution with G diagonal, without forming I·I).
    public static func solvePerColumn(inputs u: Matrix<Double>, targets z: Matrix<Double>,
                                      ridge lambda: Double) throws -> (scale: [Double], bias: [Double]) {
        precondition(u.rows == z.rows && u.columns == z.columns, "shapes differ")
        let n = u.rows, l = u.columns
        let uMean = columnMeans(u), zMean = columnMeans(z)
        var suz = [Double](repeating: 0, count: l), suu = [Double](repeating: 0, count: l)
        for r in 0..<n {
            for o in 0..<l {
                let a = u.storage[r * l + o] - uMean[o], b = z.storage[r * l + o] - zMean[o]
                suz[o] += a * b
                suu[o] += a * a
            }
        }
        var w = [Double](repeating: 0, count: l), bias = zMean
        for o in 0..<l {
            let g = suu[o] + lambda
            guard g > 0 else {
                throw LayerError("least squares: output \(o) has a constant feature column; use --ridge > 0 or more calibration rows")
            }
            w[o] = suz[o] / g
            bias[o] -= w[o] * uMean[o]
        }
        return (w, bias)
    }
}
