import RandomFeatures

/// The exact cross-Gram matrix K_ij = k(a_i, b_j) of two point sets A, B
/// (both n × d), from the estimator's own exact kernel (Double).
struct ExactGram: Sendable {
    let values: Matrix<Double>
    /// ‖K‖_F.
    let norm: Double

    init(estimator: any PointwiseEstimator, a: Matrix<Double>, b: Matrix<Double>) throws {
        var k = Matrix<Double>(rows: a.rows, columns: b.rows)
        let rowsB = (0..<b.rows).map { b.row($0) }
        var sum = 0.0
        for i in 0..<a.rows {
            let x = a.row(i)
            for j in 0..<b.rows {
                let v = try estimator.exact(x: x, y: rowsB[j])
                k[i, j] = v
                sum += v * v
            }
        }
        values = k
        norm = sum.squareRoot()
    }

    /// ‖K − K̂‖_F / ‖K‖_F.
    func relativeError(_ estimate: Matrix<Double>) -> Double {
        precondition(estimate.rows == values.rows && estimate.columns == values.columns)
        var sum = 0.0
        for (e, k) in zip(estimate.storage, values.storage) { sum += (k - e) * (k - e) }
        return sum.squareRoot() / norm
    }
}
