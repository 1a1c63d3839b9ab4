import _HadamardKernels

/// Fastfood (Le, Sarlós, Smola, "Fastfood — Approximating Kernel Expansions in
/// Loglinear Time", ICML 2013), with the normalisation of ALGORITHMS.md §2.4.
///
///     p = 2^⌈log2 d⌉;  x is zero-padded to length p;  per block b (σ = 1):
///     V_b = (1/√p) · S H G Π H B
///     B = diag(Rademacher)   Π: (Πv)ᵢ = v_{π(i)}, π uniform (Fisher–Yates)
///     H = unnormalised FWHT  G = diag(g), g ~ N(0, I_p)
///     S = diag(sᵢ/‖g‖₂), sᵢ ~ χ_p independent
///     W = the first m rows of [V_0; V_1; …], restricted to the first d columns
///
/// Given Π and B, row i of H G Π H B is linear in g with covariance (HB)ᵀ(HB) = p·I, so it
/// is N(0, p·I) with norm √p‖g‖ shared by all rows; S replaces that norm by an independent
/// χ_p, so every row of W is exactly N(0, I_d) marginally: Fastfood is unbiased [derived, §2.4].
/// Rows within a block are not independent; measure its variance, do not assume it.
///
/// - Parameters:
///   - rowCount: m ≥ 1; blocks of p rows, the last one truncated (no rounding m up, §8.14).
///   - inputDimension: d ≥ 1.
///   - stream: block b draws, from `stream.child(b)` and in this order, the p signs of B,
///     the permutation π, the p entries of g and the p norms s.
/// - Complexity: per input row, ⌈m/p⌉·(2 FWHTs of length p, 3 diagonal scalings, 1 gather);
///   memory 4p numbers per block.
public struct FastfoodProjection: Projection {
    public let rowCount: Int
    public let inputDimension: Int
    /// p = 2^⌈log2 d⌉, the padded length and block size.
    public let paddedDimension: Int
    let log2Padded: Int
    let blocks: ProjectionBlocks
    /// B of block b at b·p …
    let signs: [Double]
    let signsFloat: [Float]
    /// π of block b at b·p … (values 0..<p).
    let permutation: [Int32]
    /// g of block b at b·p …
    let gaussian: [Double]
    let gaussianFloat: [Float]
    /// sᵢ/(‖g‖·√p) of block b at b·p …: every scale factor folded into one multiply.
    let scales: [Double]
    let scalesFloat: [Float]

    public init(rowCount m: Int, inputDimension d: Int, stream: RandomStream) {
        precondition(m >= 1 && d >= 1)
        rowCount = m
        inputDimension = d
        (paddedDimension, log2Padded) = paddedLength(d)
        let p = paddedDimension
        blocks = ProjectionBlocks(rowCount: m, blockSize: p)
        var signs = [Double](), permutation = [Int32](), gaussian = [Double](), scales = [Double]()
        for b in 0..<blocks.count {
            var stream = stream.child(UInt64(b))
            signs += RademacherSigns.draw(count: p, using: &stream)
            permutation += Sampling.permutation(count: p, using: &stream).map { Int32($0) }
            let g = (0..<p).map { _ in Sampling.normal(using: &stream) }
            let gNorm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
            gaussian += g
            let factor = 1 / (gNorm * Double(p).squareRoot())
            for _ in 0..<p { scales.append(Sampling.chi(degrees: p, using: &stream) * factor) }
        }
        self.signs = signs
        signsFloat = signs.map { Float($0) }
        self.permutation = permutation
        self.gaussian = gaussian
        gaussianFloat = gaussian.map { Float($0) }
        self.scales = scales
        scalesFloat = scales.map { Float($0) }
    }
}

// MARK: - Fast application

extension FastfoodProjection {
    /// Z = X Wᵀ through FWHTs; rows of X are shared between threads for large batches
    /// (bit-identical at any thread count).
    public func apply(_ batch: Matrix<Double>) -> Matrix<Double> {
        .filled(rows: batch.rows, columns: rowCount) { write(batch, signs: signs, gaussian: gaussian, scales: scales, into: $0) }
    }

    /// Z = X Wᵀ in Double, written over the n×m `result`.
    public func apply(_ batch: Matrix<Double>, into result: inout Matrix<Double>) {
        result.overwrite(rows: batch.rows, columns: rowCount) { write(batch, signs: signs, gaussian: gaussian, scales: scales, into: $0) }
    }

    /// Z = X Wᵀ in Float through FWHTs.
    public func apply(_ batch: Matrix<Float>) -> Matrix<Float> {
        .filled(rows: batch.rows, columns: rowCount) { write(batch, signs: signsFloat, gaussian: gaussianFloat, scales: scalesFloat, into: $0) }
    }

    /// Z = X Wᵀ in Float, written over the n×m `result`.
    public func apply(_ batch: Matrix<Float>, into result: inout Matrix<Float>) {
        result.overwrite(rows: batch.rows, columns: rowCount) { write(batch, signs: signsFloat, gaussian: gaussianFloat, scales: scalesFloat, into: $0) }
    }

    /// Writes Z = X Wᵀ (n×m) through `out`, every entry once.
    func write<S: BLASScalar>(_ batch: Matrix<S>, signs: [S], gaussian: [S], scales: [S],
                              into out: UnsafeMutablePointer<S>) {
        precondition(batch.columns == inputDimension,
                     "batch rows have \(batch.columns) values; the projection was drawn for d = \(inputDimension)")
        let n = batch.rows, d = inputDimension, m = rowCount, p = paddedDimension
        let log2p = log2Padded, blocks = blocks
        guard n > 0 else { return }
        let chunks = RowParallel.chunkCount(rows: n, workPerRow: blocks.count * 2 * p * max(1, log2p))
        batch.storage.withUnsafeBufferPointer { xs in
          signs.withUnsafeBufferPointer { sg in
            gaussian.withUnsafeBufferPointer { gs in
              scales.withUnsafeBufferPointer { sc in
                permutation.withUnsafeBufferPointer { ps in
                    let x = xs.baseAddress!, sign = sg.baseAddress!, g = gs.baseAddress!, scale = sc.baseAddress!
                    let perm = ps.baseAddress!
                    RowParallel.forEachRange(rows: n, chunks: chunks) { range in
                        let first = UnsafeMutablePointer<S>.allocate(capacity: p)
                        let second = UnsafeMutablePointer<S>.allocate(capacity: p)
                        defer { first.deallocate(); second.deallocate() }
                        for r in range {
                            let hasNext = r + 1 < range.upperBound
                            for b in 0..<blocks.count {
                                let rows = blocks.rows(ofBlock: b)
                                let target = out + r * m + rows.lowerBound
                                let work = rows.count == p ? target : second
                                let o = b * p
                                Self.transformBlock(
                                    x + r * d, d: d, scratch: first, into: work, p: p, log2p: log2p,
                                    signs: sign + o, permutation: perm + o, gaussian: g + o, scale: scale + o,
                                    count: rows.count,
                                    prefetch: !hasNext ? .none : NextRowPrefetch(
                                        input: b == 0 ? UnsafeRawPointer(x + (r + 1) * d) : nil,
                                        inputBytes: d * MemoryLayout<S>.stride,
                                        output: rows.count == p ? UnsafeRawPointer(target + m) : nil,
                                        outputBytes: p * MemoryLayout<S>.stride, slices: 2))
                                if rows.count < p { target.update(from: second, count: rows.count) }
                            }
                        }
                    }
                }
              }
            }
          }
        }
    }

    /// t ← s/(‖g‖√p) ⊙ H G Π H B [x; 0] on the first `count` outputs (`scratch`, `t`: p values each).
    @inline(__always)
    static func transformBlock<S: BLASScalar>(
        _ x: UnsafePointer<S>, d: Int, scratch u: UnsafeMutablePointer<S>, into t: UnsafeMutablePointer<S>,
        p: Int, log2p: Int, signs: UnsafePointer<S>, permutation: UnsafePointer<Int32>,
        gaussian: UnsafePointer<S>, scale: UnsafePointer<S>, count: Int, prefetch: NextRowPrefetch
    ) {
        ElementwiseKernels.multiply(x, signs, into: u, count: d)
        if p > d { (u + d).update(repeating: 0, count: p - d) }
        prefetch.issue(0)
        FastWalshHadamardTransform.transform(u, log2Count: log2p)
        // G Π: tᵢ = gᵢ · u_{π(i)}.
        ElementwiseKernels.gatherMultiply(u, permutation: permutation, gaussian, into: t, count: p)
        prefetch.issue(1)
        FastWalshHadamardTransform.transform(t, log2Count: log2p)
        ElementwiseKernels.multiply(t, by: scale, count: count)
    }
}

// MARK: - Dense materialisation

extension FastfoodProjection {
    /// W as an m×d matrix, built row by row through the transpose:
    ///
    ///     row i of S H G Π H B  =  sᵢ' · (B H Πᵀ G H) eᵢ,   (Πᵀv)_{π(j)} = v_j
    ///
    /// a different route from `apply` (scatter in place of gather).
    /// - Complexity: O(m·p log p) time, m·d memory.
    public func dense() -> Matrix<Double> {
        let d = inputDimension, p = paddedDimension
        var w = Matrix<Double>(rows: rowCount, columns: d)
        var v = [Double](repeating: 0, count: p), u = [Double](repeating: 0, count: p)
        for b in 0..<blocks.count {
            let o = b * p
            for (local, row) in blocks.rows(ofBlock: b).enumerated() {
                for j in 0..<p { v[j] = j == local ? 1 : 0 }
                FastWalshHadamardTransform.transform(&v, log2Count: log2Padded)
                for j in 0..<p { u[Int(permutation[o + j])] = gaussian[o + j] * v[j] }
                FastWalshHadamardTransform.transform(&u, log2Count: log2Padded)
                let s = scales[o + local]
                for j in 0..<d { w[row, j] = s * signs[o + j] * u[j] }
            }
        }
        return w
    }
}
