import Testing
import _TestSupport
@testable import RandomFeatures

/// Empirical first and second moments of projection rows over T independent draws, with
/// standard errors taken across draws (rows within one draw may be dependent, draws are not).
///
///     μ̂ = (1/T) Σ_t (1/m) Σ_i w_{t,i}          E μ̂ = E w
///     Â = (1/T) Σ_t (1/m) Σ_i w_{t,i} w_{t,i}ᵀ  E Â = E[w wᵀ]
///     SE of an entry = sample standard deviation of its per-draw values / √T
struct RowMoments {
    let dimension: Int
    let draws: Int
    /// μ̂ and its SE, d entries.
    private(set) var mean: [Double]
    private(set) var meanStandardError: [Double]
    /// Â and its SE, d×d row-major.
    private(set) var second: [Double]
    private(set) var secondStandardError: [Double]

    init(_ kind: ProjectionKind, options: ProjectionOptions = .init(), rows m: Int, dimension d: Int,
         draws: Int, seed: UInt64) throws {
        dimension = d
        self.draws = draws
        var sum1 = [Double](repeating: 0, count: d), sq1 = sum1
        var sum2 = [Double](repeating: 0, count: d * d), sq2 = sum2
        let root = RandomStream(seed: seed)
        for t in 0..<draws {
            let w = try kind.draw(rowCount: m, inputDimension: d, options: options, stream: root.child(UInt64(t))).dense()
            #expect(w.rows == m && w.columns == d)
            var mu = [Double](repeating: 0, count: d), a = [Double](repeating: 0, count: d * d)
            for i in 0..<m {
                for j in 0..<d {
                    mu[j] += w[i, j] / Double(m)
                    for l in 0..<d { a[j * d + l] += w[i, j] * w[i, l] / Double(m) }
                }
            }
            for j in 0..<d { sum1[j] += mu[j]; sq1[j] += mu[j] * mu[j] }
            for k in 0..<(d * d) { sum2[k] += a[k]; sq2[k] += a[k] * a[k] }
        }
        let T = Double(draws)
        func standardErrors(_ sum: [Double], _ sq: [Double]) -> [Double] {
            zip(sum, sq).map { s, q in (max(0, (q - s * s / T) / (T - 1)) / T).squareRoot() }
        }
        mean = sum1.map { $0 / T }
        meanStandardError = standardErrors(sum1, sq1)
        second = sum2.map { $0 / T }
        secondStandardError = standardErrors(sum2, sq2)
    }

    /// The largest |estimate − expected| / SE over every entry of μ̂ (expected 0) and Â
    /// (expected `scale`·I). An entry with zero spread must match to 1e-12.
    func worstZScore(secondMomentScale scale: Double = 1) -> Double {
        var worst = 0.0
        func check(_ value: Double, _ expected: Double, _ se: Double) {
            let gap = abs(value - expected)
            worst = max(worst, se > 0 ? gap / se : (gap <= 1e-12 ? 0 : .infinity))
        }
        for j in 0..<dimension { check(mean[j], 0, meanStandardError[j]) }
        for j in 0..<dimension {
            for l in 0..<dimension { check(second[j * dimension + l], j == l ? scale : 0, secondStandardError[j * dimension + l]) }
        }
        return worst
    }
}

/// Euclidean norms of one row from each of T independent draws (row t mod m of draw t), so
/// the sample is independent even where rows within a draw are not.
func independentRowNorms(_ kind: ProjectionKind, options: ProjectionOptions = .init(), rows m: Int,
                         dimension d: Int, draws: Int, seed: UInt64) throws -> [Double] {
    let root = RandomStream(seed: seed)
    return try (0..<draws).map { t in
        let w = try kind.draw(rowCount: m, inputDimension: d, options: options, stream: root.child(UInt64(t))).dense()
        let i = t % m
        return (0..<d).reduce(0.0) { $0 + w[i, $1] * w[i, $1] }.squareRoot()
    }
}

/// A deterministic n×d batch of standard normals.
func normalBatch(rows n: Int, columns d: Int, seed: UInt64) -> Matrix<Double> {
    var g = RandomStream(seed: seed)
    return Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in Sampling.normal(using: &g) })
}

/// max |a − b| / max |b|: the error of a whole product relative to its size.
func relativeError<S: BLASScalar>(_ a: Matrix<S>, _ b: Matrix<Double>) -> Double {
    precondition(a.rows == b.rows && a.columns == b.columns)
    let scale = b.storage.reduce(0.0) { max($0, abs($1)) }
    var worst = 0.0
    for (u, v) in zip(a.storage, b.storage) { worst = max(worst, abs(u.doubleValue - v)) }
    return scale > 0 ? worst / scale : worst
}

/// `apply` in Double (to `doubleTolerance`) and Float (to `floatTolerance`), relative to the
/// whole product, against X·Wᵀ with W from `dense()`, multiplied by GEMM in Double.
func expectApplyMatchesDense(_ projection: any Projection, batchRows n: Int = 7, seed: UInt64 = 77,
                             doubleTolerance: Double = 1e-10, floatTolerance: Double = 1e-4,
                             sourceLocation: SourceLocation = #_sourceLocation) {
    let x = normalBatch(rows: n, columns: projection.inputDimension, seed: seed)
    let w = projection.dense()
    #expect(w.rows == projection.rowCount && w.columns == projection.inputDimension, sourceLocation: sourceLocation)
    let reference = x.multipliedByTranspose(of: w)
    let fast = projection.apply(x)
    let fastFloat = projection.apply(x.converted(to: Float.self))
    #expect(fast.rows == n && fast.columns == projection.rowCount, sourceLocation: sourceLocation)
    #expect(relativeError(fast, reference) <= doubleTolerance, sourceLocation: sourceLocation)
    #expect(relativeError(fastFloat, reference) <= floatTolerance, sourceLocation: sourceLocation)
}

/// The same bytes from one large batch (rows shared between threads) and from each row
/// applied alone on the calling thread.
func expectBatchEqualsRowByRow(_ projection: any Projection, rows n: Int, seed: UInt64,
                               sourceLocation: SourceLocation = #_sourceLocation) {
    let x = normalBatch(rows: n, columns: projection.inputDimension, seed: seed)
    let xf = x.converted(to: Float.self)
    let whole = projection.apply(x), wholeFloat = projection.apply(xf)
    var single = [Double](), singleFloat = [Float]()
    for r in 0..<n {
        single += projection.apply(Matrix(rows: 1, columns: x.columns, storage: x.row(r))).storage
        singleFloat += projection.apply(Matrix(rows: 1, columns: xf.columns, storage: xf.row(r))).storage
    }
    #expect(whole.storage == single, sourceLocation: sourceLocation)
    #expect(wholeFloat.storage == singleFloat, sourceLocation: sourceLocation)
}
