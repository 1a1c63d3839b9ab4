/// Signed circulant projection (Feng, Hu, Liao, "Random Feature Mapping with Signed
/// Circulant Matrix Projection", IJCAI 2015; construction as in ALGORITHMS.md §2.5).
///
///     per block b (d rows):  g_b ~ N(0, I_d) (or Cauchy / Laplace entries),  s_b ∈ {±1}^d
///     W_b[i, j] = s_{b,i} · g_b[(i − j) mod d]
///     (W_b x)ᵢ = s_{b,i} · c2r(r2c(g_b) ⊙ r2c(x))ᵢ / d       FFTW is unnormalised: divide by d
///     W = the first m rows of [W_0; W_1; …]
///
/// Every row is a cyclic shift of g_b times a sign, so rows are marginally N(0, I_d) (iid
/// Cauchy / Laplace entries with the other entry laws): unbiased. Rows of a block are
/// dependent; for the pair RFF estimator the covariance terms are ≥ 0, so circulant never
/// beats iid there (§2.5).
///
/// Any d works, with no padding. r2c(x) is computed once per input row and reused for
/// every block; r2c(g_b)/d is computed once at draw time. FFTW plans are made once per
/// concurrent caller and reused (`FFTWorkspacePool`); planning is serialised by
/// `FFTWPlanner`, execution runs unlocked.
///
/// - Parameters:
///   - rowCount: m ≥ 1; the last block is truncated when d does not divide m.
///   - inputDimension: d ≥ 1.
///   - entries: the law of g's entries (default Gaussian).
///   - stream: block b draws g_b (d entries) and then s_b (d signs) from `stream.child(b)`.
/// - Complexity: per input row, one r2c plus ⌈m/d⌉ complex products and c2r of length d,
///   O(⌈m/d⌉·d log d); memory ⌈m/d⌉·(d + 2(d/2 + 1)) numbers per precision.
public struct CirculantProjection: Projection {
    public let rowCount: Int
    public let inputDimension: Int
    public let entries: ProjectionOptions.EntryDistribution
    let blocks: ProjectionBlocks
    /// g_b at b·d …: the first column of the circulant block.
    let generators: [Double]
    /// s_b at b·d …
    let signs: [Double]
    let signsFloat: [Float]
    /// r2c(g_b)/d at b·(d/2+1) … (computed in Double; the Float copy is rounded from it).
    let spectra: [(Double, Double)]
    let spectraFloat: [(Float, Float)]
    let doubleWorkspaces: FFTWorkspacePool<RealFFTPlan>
    let floatWorkspaces: FFTWorkspacePool<RealFFTPlanFloat>

    public init(rowCount m: Int, inputDimension d: Int,
                entries: ProjectionOptions.EntryDistribution = .gaussian, stream: RandomStream) {
        precondition(m >= 1 && d >= 1)
        rowCount = m
        inputDimension = d
        self.entries = entries
        blocks = ProjectionBlocks(rowCount: m, blockSize: d)
        var generators = [Double](), signs = [Double](), spectra = [(Double, Double)]()
        let plan = RealFFTPlan(length: d)
        for b in 0..<blocks.count {
            var g = stream.child(UInt64(b))
            for j in 0..<d {
                let value: Double
                switch entries {
                case .gaussian: value = Sampling.normal(using: &g)
                case .cauchy: value = Sampling.cauchy(using: &g)
                case .laplace: value = Sampling.laplace(using: &g)
                }
                generators.append(value)
                plan.input[j] = value
            }
            signs += RademacherSigns.draw(count: d, using: &g)
            plan.forward()
            let inverseLength = 1 / Double(d)
            spectra += plan.spectrum.map { ($0.0 * inverseLength, $0.1 * inverseLength) }
        }
        self.generators = generators
        self.signs = signs
        signsFloat = signs.map { Float($0) }
        self.spectra = spectra
        spectraFloat = spectra.map { (Float($0.0), Float($0.1)) }
        doubleWorkspaces = FFTWorkspacePool(length: d)
        floatWorkspaces = FFTWorkspacePool(length: d)
    }

    /// W as an m×d matrix from its definition, W[b·d + i, j] = s_{b,i} · g_b[(i − j) mod d].
    public func dense() -> Matrix<Double> {
        let d = inputDimension
        var w = Matrix<Double>(rows: rowCount, columns: d)
        for b in 0..<blocks.count {
            for (i, row) in blocks.rows(ofBlock: b).enumerated() {
                for j in 0..<d { w[row, j] = signs[b * d + i] * generators[b * d + (i - j + d) % d] }
            }
        }
        return w
    }
}

// MARK: - Fast application with FFTW

extension CirculantProjection {
    /// Z = X Wᵀ through FFTW r2c/c2r in Double; rows of X are shared between threads for
    /// large batches (bit-identical at any thread count).
    public func apply(_ batch: Matrix<Double>) -> Matrix<Double> {
        .filled(rows: batch.rows, columns: rowCount) { write(batch, signs: signs, spectra: spectra, workspaces: doubleWorkspaces, into: $0) }
    }

    /// Z = X Wᵀ in Double, written over the n×m `result`.
    public func apply(_ batch: Matrix<Double>, into result: inout Matrix<Double>) {
        result.overwrite(rows: batch.rows, columns: rowCount) { write(batch, signs: signs, spectra: spectra, workspaces: doubleWorkspaces, into: $0) }
    }

    /// Z = X Wᵀ through FFTW r2c/c2r in Float (`fftwf_*`).
    public func apply(_ batch: Matrix<Float>) -> Matrix<Float> {
        .filled(rows: batch.rows, columns: rowCount) { write(batch, signs: signsFloat, spectra: spectraFloat, workspaces: floatWorkspaces, into: $0) }
    }

    /// Z = X Wᵀ in Float, written over the n×m `result`.
    public func apply(_ batch: Matrix<Float>, into result: inout Matrix<Float>) {
        result.overwrite(rows: batch.rows, columns: rowCount) { write(batch, signs: signsFloat, spectra: spectraFloat, workspaces: floatWorkspaces, into: $0) }
    }

    /// Writes Z = X Wᵀ (n×m) through `out`, every entry once.
    func write<Plan: RealFFTExecutor>(
        _ batch: Matrix<Plan.Scalar>, signs: [Plan.Scalar], spectra: [(Plan.Scalar, Plan.Scalar)],
        workspaces: FFTWorkspacePool<Plan>, into out: UnsafeMutablePointer<Plan.Scalar>
    ) {
        precondition(batch.columns == inputDimension,
                     "batch rows have \(batch.columns) values; the projection was drawn for d = \(inputDimension)")
        let n = batch.rows, d = inputDimension, m = rowCount, half = d / 2 + 1, blocks = blocks
        guard n > 0 else { return }
        var log2d = 1
        while (1 << log2d) < d { log2d += 1 }
        let chunks = RowParallel.chunkCount(rows: n, workPerRow: (blocks.count + 1) * d * log2d)
        batch.storage.withUnsafeBufferPointer { xs in
            signs.withUnsafeBufferPointer { sg in
                spectra.withUnsafeBufferPointer { gs in
                    let x = xs.baseAddress!, sign = sg.baseAddress!, ghat = gs.baseAddress!
                    RowParallel.forEachRange(rows: n, chunks: chunks) { range in
                        workspaces.withWorkspace { workspace in
                            let plan = workspace.plan
                            let real = plan.input.baseAddress!, spectrum = plan.spectrum.baseAddress!
                            let saved = workspace.savedSpectrum.baseAddress!
                            for r in range {
                                real.update(from: x + r * d, count: d)
                                plan.forward()
                                saved.update(from: spectrum, count: half)
                                for b in 0..<blocks.count {
                                    let g = ghat + b * half
                                    for k in 0..<half {
                                        let (ar, ai) = saved[k], (br, bi) = g[k]
                                        spectrum[k] = (ar * br - ai * bi, ar * bi + ai * br)
                                    }
                                    plan.inverse()
                                    let rows = blocks.rows(ofBlock: b)
                                    ElementwiseKernels.multiply(real, sign + b * d, into: out + r * m + rows.lowerBound,
                                                                count: rows.count)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
