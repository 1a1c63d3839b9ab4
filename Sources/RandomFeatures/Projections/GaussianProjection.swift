/// iid projection: every entry of W is drawn independently (ALGORITHMS.md §2.1).
///
///     Wᵢⱼ ~ N(0, 1)   (or standard Cauchy / Laplace for the L1-Laplace and Cauchy kernels)
///
/// Rows are exactly N(0, I_d): the baseline for every variance ratio.
/// - Complexity: m·d draws; n·m·d multiply-adds per batch as one GEMM.
public struct GaussianProjection: Projection {
    public let rowCount: Int
    public let inputDimension: Int
    public let entries: ProjectionOptions.EntryDistribution
    /// W, m×d.
    public let matrix: Matrix<Double>
    /// W in Float, converted on the first Float batch.
    private let floatCopy: FloatCopy
    var matrixFloat: Matrix<Float> { floatCopy.matrix }

    public init(rowCount m: Int, inputDimension d: Int,
                entries: ProjectionOptions.EntryDistribution = .gaussian, stream: RandomStream) {
        precondition(m >= 1 && d >= 1)
        rowCount = m
        inputDimension = d
        self.entries = entries
        var g = stream
        // Every entry is drawn, so the storage starts uninitialised.
        matrix = .filled(rows: m, columns: d) { w in
            switch entries {
            case .gaussian: Ziggurat.fill(UnsafeMutableBufferPointer(start: w, count: m * d), using: &g)
            case .cauchy: for i in 0..<(m * d) { w[i] = Sampling.cauchy(using: &g) }
            case .laplace: for i in 0..<(m * d) { w[i] = Sampling.laplace(using: &g) }
            }
        }
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
