import RealModule
import _HadamardKernels

/// Structured orthogonal random features, SORF (Yu, Suresh, Choromanski, Holtmann-Rice,
/// Kumar, "Orthogonal Random Features", NeurIPS 2016; construction as in ALGORITHMS.md §2.3).
///
///     p = 2^⌈log2 d⌉;  x is zero-padded to length p
///     W_b = √p · Ĥ D_{b,1} Ĥ D_{b,2} ⋯ Ĥ D_{b,k}  =  p^{(1−k)/2} · H D_{b,1} H ⋯ H D_{b,k}
///     Ĥ = H/√p (normalised Walsh–Hadamard),  D_{b,i} Rademacher diagonals,  k = 3 by default
///     W = the first m rows of [W_0; W_1; …], restricted to the first d columns
///
/// Every row of a block has norm exactly √p, and E[w wᵀ] = I_p, whose top-left d×d block is
/// I_d. The scale is √p of the *padded* length: √d would be a scaling bug (§8.8).
/// With `rowNorms: .chi` each row is further multiplied by an independent χ_p/√p, which
/// removes SORF's fixed-norm bias in the tests of §2.3.
///
/// Applied fast, never by forming W: per input row and block, k sign flips and k unnormalised
/// FWHTs, then one multiply that folds every scale factor (ALGORITHMS.md §3 "Normalisation").
///
/// - Parameters:
///   - rowCount: m ≥ 1; blocks of p rows, the last one truncated (m < p still costs a full block).
///   - inputDimension: d ≥ 1.
///   - hadamardBlocks: k ≥ 1 HD factors (default 3; odd k suits kernels, k = 1 is the
///     degenerate case of §8.9 where sparse inputs give deterministic projections).
///   - rowNorms: `.fixed` (default, norm √p) or `.chi`.
///   - stream: block b draws D_{b,1} … D_{b,k} (p signs each, in that order) and then, with
///     `.chi`, p norms χ_p, from `stream.child(b)`.
/// - Complexity: per input row, ⌈m/p⌉·k·(p·log2 p additions + p sign flips); memory ⌈m/p⌉·k·p signs.
public struct StructuredOrthogonalProjection: Projection {
    public let rowCount: Int
    public let inputDimension: Int
    /// k, the number of HD factors per block.
    public let hadamardBlocks: Int
    public let rowNorms: ProjectionOptions.RowNorms
    /// p = 2^⌈log2 d⌉, the padded length and block size.
    public let paddedDimension: Int
    let log2Padded: Int
    let blocks: ProjectionBlocks
    /// D_{b,i}, i = 1…k: entry (b·k + i − 1)·p + j is the j-th sign of D_{b,i}.
    let signs: [Double]
    let signsFloat: [Float]
    /// The factor applied to output j of block b after the last transform, at b·p + j:
    /// p^{(1−k)/2} (fixed norms) or χ_{b,j}·p^{−k/2} (chi norms).
    let scales: [Double]
    let scalesFloat: [Float]

    public init(rowCount m: Int, inputDimension d: Int, hadamardBlocks k: Int = 3,
                rowNorms: ProjectionOptions.RowNorms = .fixed, stream: RandomStream) {
        precondition(m >= 1 && d >= 1 && k >= 1)
        rowCount = m
        inputDimension = d
        hadamardBlocks = k
        self.rowNorms = rowNorms
        (paddedDimension, log2Padded) = paddedLength(d)
        let p = paddedDimension
        blocks = ProjectionBlocks(rowCount: m, blockSize: p)
        var signs = [Double]()
        signs.reserveCapacity(blocks.count * k * p)
        var scales = [Double]()
        scales.reserveCapacity(blocks.count * p)
        let pd = Double(p)
        for b in 0..<blocks.count {
            var g = stream.child(UInt64(b))
            signs += RademacherSigns.draw(count: k * p, using: &g)
            switch rowNorms {
            case .fixed:
                scales += repeatElement(Double.pow(pd, Double(1 - k) / 2), count: p)
            case .chi:
                let factor = Double.pow(pd, -Double(k) / 2)
                for _ in 0..<p { scales.append(Sampling.chi(degrees: p, using: &g) * factor) }
            }
        }
        self.signs = signs
        signsFloat = signs.map { Float($0) }
        self.scales = scales
        scalesFloat = scales.map { Float($0) }
    }
}

// MARK: - Fast application

extension StructuredOrthogonalProjection {
    /// Z = X Wᵀ through FWHTs; rows of X are shared between threads for large batches
    /// (bit-identical at any thread count).
    public func apply(_ batch: Matrix<Double>) -> Matrix<Double> {
        .filled(rows: batch.rows, columns: rowCount) { write(batch, signs: signs, scales: scales, into: $0) }
    }

    /// Z = X Wᵀ in Double, written over the n×m `result`.
    public func apply(_ batch: Matrix<Double>, into result: inout Matrix<Double>) {
        result.overwrite(rows: batch.rows, columns: rowCount) { write(batch, signs: signs, scales: scales, into: $0) }
    }

    /// Z = X Wᵀ in Float through FWHTs.
    public func apply(_ batch: Matrix<Float>) -> Matrix<Float> {
        .filled(rows: batch.rows, columns: rowCount) { write(batch, signs: signsFloat, scales: scalesFloat, into: $0) }
    }

    /// Z = X Wᵀ in Float, written over the n×m `result`.
    public func apply(_ batch: Matrix<Float>, into result: inout Matrix<Float>) {
        result.overwrite(rows: batch.rows, columns: rowCount) { write(batch, signs: signsFloat, scales: scalesFloat, into: $0) }
    }

    /// Writes Z = X Wᵀ (n×m) through `out`, every entry once.
    func write<S: BLASScalar>(_ batch: Matrix<S>, signs: [S], scales: [S], into out: UnsafeMutablePointer<S>) {
        forEachRowRange(batch) { range, x in
            writeRows(range, of: x, signs: signs, scales: scales, into: out, firstRow: 0)
        }
    }

    /// Z = X Wᵀ handed to `consume` in bands of at most `bandRows` consecutive rows, each band
    /// (band.count × m values, row-major) computed into a buffer of its worker that stays in
    /// cache, so a consumer that turns Z into features never sends Z through main memory.
    /// Bands are disjoint and cover 0..<n; `consume` runs concurrently on the workers that
    /// share the batch's rows, once per band. The values are those of `apply`, bit for bit.
    public func applyInBands(_ batch: Matrix<Double>, bandRows: Int, _ consume: (Range<Int>, UnsafeBufferPointer<Double>) -> Void) {
        writeBands(batch, signs: signs, scales: scales, bandRows: bandRows, consume)
    }

    /// `applyInBands` in Float.
    public func applyInBands(_ batch: Matrix<Float>, bandRows: Int, _ consume: (Range<Int>, UnsafeBufferPointer<Float>) -> Void) {
        writeBands(batch, signs: signsFloat, scales: scalesFloat, bandRows: bandRows, consume)
    }

    private func writeBands<S: BLASScalar>(_ batch: Matrix<S>, signs: [S], scales: [S], bandRows: Int,
                                           _ consume: (Range<Int>, UnsafeBufferPointer<S>) -> Void) {
        precondition(bandRows >= 1)
        let m = rowCount
        forEachRowRange(batch) { range, x in
            let buffer = UnsafeMutablePointer<S>.allocate(capacity: min(bandRows, range.count) * m)
            defer { buffer.deallocate() }
            for first in stride(from: range.lowerBound, to: range.upperBound, by: bandRows) {
                let band = first..<min(range.upperBound, first + bandRows)
                writeRows(band, of: x, signs: signs, scales: scales, into: buffer, firstRow: first)
                consume(band, UnsafeBufferPointer(start: buffer, count: band.count * m))
            }
        }
    }

    /// Calls `body(range, x)` for the row ranges of `batch` that the workers share.
    private func forEachRowRange<S: BLASScalar>(_ batch: Matrix<S>, _ body: (Range<Int>, UnsafePointer<S>) -> Void) {
        precondition(batch.columns == inputDimension,
                     "batch rows have \(batch.columns) values; the projection was drawn for d = \(inputDimension)")
        let n = batch.rows
        guard n > 0 else { return }
        let chunks = RowParallel.chunkCount(rows: n, workPerRow: blocks.count * hadamardBlocks * paddedDimension * max(1, log2Padded))
        batch.storage.withUnsafeBufferPointer { xs in
            let x = xs.baseAddress!
            RowParallel.forEachRange(rows: n, chunks: chunks) { range in body(range, x) }
        }
    }

    /// Writes rows `range` of Z; row r goes to `out + (r − firstRow)·m`.
    private func writeRows<S: BLASScalar>(_ range: Range<Int>, of x: UnsafePointer<S>, signs: [S], scales: [S],
                                          into out: UnsafeMutablePointer<S>, firstRow: Int) {
        let d = inputDimension, m = rowCount, p = paddedDimension
        let k = hadamardBlocks, log2p = log2Padded, blocks = blocks
        signs.withUnsafeBufferPointer { sg in
            scales.withUnsafeBufferPointer { sc in
                let sign = sg.baseAddress!, scale = sc.baseAddress!
                let scratch = UnsafeMutablePointer<S>.allocate(capacity: p)
                defer { scratch.deallocate() }
                for r in range {
                    let hasNext = r + 1 < range.upperBound
                    for b in 0..<blocks.count {
                        let rows = blocks.rows(ofBlock: b)
                        let target = out + (r - firstRow) * m + rows.lowerBound
                        // A full block is transformed where its outputs belong.
                        let work = rows.count == p ? target : scratch
                        Self.transformBlock(
                            x + r * d, d: d, into: work, p: p, log2p: log2p,
                            diagonals: sign + b * k * p, k: k, scale: scale + b * p, count: rows.count,
                            prefetch: !hasNext ? .none : NextRowPrefetch(
                                input: b == 0 ? UnsafeRawPointer(x + (r + 1) * d) : nil,
                                inputBytes: d * MemoryLayout<S>.stride,
                                output: rows.count == p ? UnsafeRawPointer(target + m) : nil,
                                outputBytes: p * MemoryLayout<S>.stride, slices: k))
                        if rows.count < p { target.update(from: scratch, count: rows.count) }
                    }
                }
            }
        }
    }

    /// t ← scale ⊙ (H D₁ H D₂ ⋯ H D_k [x; 0]) on the first `count` outputs (`t` holds p values);
    /// `prefetch` slices are issued between the transforms.
    @inline(__always)
    static func transformBlock<S: BLASScalar>(
        _ x: UnsafePointer<S>, d: Int, into t: UnsafeMutablePointer<S>, p: Int, log2p: Int,
        diagonals: UnsafePointer<S>, k: Int, scale: UnsafePointer<S>, count: Int,
        prefetch: NextRowPrefetch
    ) {
        ElementwiseKernels.multiply(x, diagonals + (k - 1) * p, into: t, count: d)
        if p > d { (t + d).update(repeating: 0, count: p - d) }
        prefetch.issue(0)
        FastWalshHadamardTransform.transform(t, log2Count: log2p)
        var level = k - 2
        while level >= 0 {
            ElementwiseKernels.multiply(t, by: diagonals + level * p, count: p)
            prefetch.issue(k - 1 - level)
            FastWalshHadamardTransform.transform(t, log2Count: log2p)
            level -= 1
        }
        ElementwiseKernels.multiply(t, by: scale, count: count)
    }
}

// MARK: - Dense materialisation

extension StructuredOrthogonalProjection {
    /// W as an m×d matrix, built row by row through the transpose:
    ///
    ///     row i of H D₁ H ⋯ H D_k  =  (D_k H ⋯ D₁ H) eᵢ     (H symmetric, D diagonal)
    ///
    /// a different route from `apply`, exact up to one rounding of the scale.
    /// - Complexity: O(m·k·p log p) time, m·d memory.
    public func dense() -> Matrix<Double> {
        let d = inputDimension, p = paddedDimension, k = hadamardBlocks
        var w = Matrix<Double>(rows: rowCount, columns: d)
        var v = [Double](repeating: 0, count: p)
        for b in 0..<blocks.count {
            for (local, row) in blocks.rows(ofBlock: b).enumerated() {
                for j in 0..<p { v[j] = j == local ? 1 : 0 }
                for level in 0..<k {
                    FastWalshHadamardTransform.transform(&v, log2Count: log2Padded)
                    let offset = (b * k + level) * p
                    for j in 0..<p { v[j] *= signs[offset + j] }
                }
                let s = scales[b * p + local]
                for j in 0..<d { w[row, j] = s * v[j] }
            }
        }
        return w
    }
}
