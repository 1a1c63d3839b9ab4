import CBLAS

extension LAPACK {
    /// The first k columns of a Haar-distributed d×d orthogonal matrix, drawn as the
    /// Householder vectors of a Gaussian QR (Stewart, "The efficient generation of random
    /// orthogonal matrices with an application to condition estimators", SIAM J. Numer.
    /// Anal. 17(3), 1980) and formed by LAPACK's `dorgqr`:
    ///
    ///     for c = 0 ..< k:   x ~ N(0, I_{d−c})                    (fresh, independent)
    ///         β = −sign(x₀)‖x‖,  v = (1, x₁…/(x₀ − β)),  τ = (β − x₀)/β     (`dlarfg`'s reflector)
    ///         H_c = I − τ v vᵀ acting on coordinates c ..< d,  s_c = sign(β)
    ///     Q[:, 0..<k] = H₀ H₁ ⋯ H_{k−1} · I[:, 0..<k] · diag(s)
    ///
    /// This is exactly Householder QR of A ~ N(0,1)^{d×d} with the sign fix
    /// Q ← Q·diag(sign Rᵢᵢ) of ALGORITHMS.md §2.2 (Mezzadri 2007), with the trailing updates
    /// left out: after H₀…H_{c−1} the trailing part of column c of A is again N(0, I_{d−c})
    /// and independent of everything before (rotation invariance), so it is drawn fresh.
    /// The distribution is the same Haar measure; the draw takes d + (d−1) + … + (d−k+1)
    /// normals instead of d², and no factorisation. Columns beyond k need reflectors
    /// H_k, H_{k+1}, … that do not touch I[:, 0..<k], so they are never drawn.
    /// When x has no part below x₀ (the 1×1 reflector of column d−1) τ = 0 and β = x₀,
    /// as in `dlarfg`, so the last sign is a fair coin.
    ///
    /// - Parameters:
    ///   - k: columns wanted, 1 ≤ k ≤ d.
    ///   - d: the dimension.
    ///   - stream: the normals are drawn from it column after column (x of column 0 first).
    /// - Returns: Q[:, 0..<k] column-major (column c at `c·d ..< (c+1)·d`).
    public static func haarOrthogonalColumns(_ k: Int, dimension d: Int, using stream: inout RandomStream) throws -> [Double] {
        precondition(d >= 1 && k >= 1 && k <= d)
        var v = [Double](repeating: 0, count: d * k)
        var tau = [Double](repeating: 0, count: k)
        var signs = [Double](repeating: 1, count: k)
        v.withUnsafeMutableBufferPointer { a in
            for c in 0..<k {
                let x = UnsafeMutableBufferPointer(rebasing: a[(c * d + c)..<(c * d + d)])
                Ziggurat.fill(x, using: &stream)
                let alpha = x[0]
                var tail = 0.0
                for i in 1..<x.count { tail += x[i] * x[i] }
                if tail == 0 {
                    // dlarfg: H = I, β = x₀.
                    tau[c] = 0
                    signs[c] = alpha < 0 ? -1 : 1
                    continue
                }
                let norm = (alpha * alpha + tail).squareRoot()
                let beta = alpha >= 0 ? -norm : norm
                tau[c] = (beta - alpha) / beta
                let inverse = 1 / (alpha - beta)
                for i in 1..<x.count { x[i] *= inverse }
                signs[c] = beta < 0 ? -1 : 1
            }
        }
        var m32 = Int32(d), n32 = Int32(k), k32 = Int32(k), lda = Int32(d), info: Int32 = 0
        var lwork = Int32(max(1, k) * 64)
        var work = [Double](repeating: 0, count: Int(lwork))
        dorgqr_(&m32, &n32, &k32, &v, &lda, &tau, &work, &lwork, &info)
        if info != 0 { throw LAPACKError(routine: "dorgqr", info: info) }
        for c in 0..<k where signs[c] < 0 {
            for i in (c * d)..<((c + 1) * d) { v[i] = -v[i] }
        }
        return v
    }
}
