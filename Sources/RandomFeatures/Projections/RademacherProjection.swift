/// Rademacher projection: every entry of W is ±1 with probability 1/2, independently
/// (ALGORITHMS.md §2.6; Achlioptas, "Database-friendly random projections", PODS 2001).
///
///     Wᵢⱼ ∈ {−1, +1} iid,   E[w wᵀ] = I,   E[(w·x)(w·y)] = x·y
///
/// Rows are not Gaussian, so RFF, positive RF and URF are biased with it; it serves
/// random Maclaurin features, EUGen and sketches, whose variance formulas carry the
/// lower fourth moment (−2Σ x_r² y_r² terms, §5.8–5.10).
///
/// - Parameters:
///   - rowCount: m ≥ 1.   - inputDimension: d ≥ 1.
///   - stream: entries in row-major order, 64 signs per 64-bit draw (bit k of draw t
///     gives entry 64t + k: set bit = −1).
/// - Complexity: m·d/64 draws; n·m·d multiply-adds per batch as one GEMM.
public struct RademacherProjection: Projection {
    public let rowCount: Int
    public let inputDimension: Int
    /// W, m×d.
    public let matrix: Matrix<Double>
    /// W in Float, converted on the first Float batch.
    private let floatCopy: FloatCopy
    var matrixFloat: Matrix<Float> { floatCopy.matrix }

    public init(rowCount m: Int, inputDimension d: Int, stream: RandomStream) {
        precondition(m >= 1 && d >= 1)
        rowCount = m
        inputDimension = d
        var g = stream
        matrix = Matrix(rows: m, columns: d, storage: RademacherSigns.draw(count: m * d, using: &g))
        floatCopy = FloatCopy(of: matrix)
    }

    public func apply(_ batch: Matrix<Double>) -> Matrix<Double> { batch.multipliedByTranspose(of: matrix) }
    public func apply(_ batch: Matrix<Float>) -> Matrix<Float> { batch.multipliedByTranspose(of: matrixFloat) }
    public func apply(_ batch: Matrix<Double>, into result: inout Matrix<Double>) {
        result.overwriteWithProduct(batch, transposeOf: matrix)
    }
    public func apply(_ batch: Matrix<Float>, into result: inout Matrix<Float>) {
        result.overwriteWithProduct(batch, transposeOf: matrixFloat)
    }
    public func dense() -> Matrix<Double> { matrix }
}

/// Independent ±1 values, 64 from each 64-bit draw (the generator's bits are
/// independent and uniform, so each bit is a fair sign).
enum RademacherSigns {
    /// `count` signs: bit k of draw t (k = 0 is the least significant) gives value 64t + k,
    /// −1 when the bit is set.
    static func draw<G: RandomNumberGenerator>(count: Int, using g: inout G) -> [Double] {
        var signs = [Double](repeating: 1, count: count)
        var index = 0
        while index < count {
            var bits = g.next()
            for _ in 0..<min(64, count - index) {
                if bits & 1 == 1 { signs[index] = -1 }
                bits >>= 1
                index += 1
            }
        }
        return signs
    }
}
