import RandomFeatures
import RealModule

// MARK: - Variance theory (ALGORITHMS.md §5.5, iid rows)

extension SoftmaxURFEstimator {
    /// Per-row variance V1(M) at one pair, with S = ‖x+y‖² [derived, MC 4e7]:
    ///
    ///     V1(M) = e^(2b) [ (1+4M)^d (1+8M)^(−d/2) exp(−‖x‖² − ‖y‖² + 2(1+4M)S/(1+8M)) − exp(x·y)² ]
    ///
    /// The first term is assembled in log space; the result is +infinity only
    /// where the variance itself exceeds the Double range.
    public static func perRowVariance(x: [Double], y: [Double], bias b: Double, parameterM mm: Double) -> Double {
        let d = Double(x.count)
        let nx = FeatureRowMath.squaredNorm(x), ny = FeatureRowMath.squaredNorm(y)
        let s = nx + ny + 2 * FeatureRowMath.dot(x, y)
        let logSecond = d * Double.log(onePlus: 4 * mm) - d / 2 * Double.log(onePlus: 8 * mm)
            - nx - ny + 2 * (1 + 4 * mm) * s / (1 + 8 * mm) + 2 * b
        let logSquaredMean = 2 * (FeatureRowMath.dot(x, y) + b)
        // V1 = e^{logSecond} (1 − e^{logSquaredMean − logSecond}), with the difference ≥ 0 in exact arithmetic.
        return -Double.exp(logSecond) * Double.expMinusOne(logSquaredMean - logSecond)
    }

    /// Variance of one estimate with m iid rows: V1(M)/m; nil for other projections.
    public func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        return Self.perRowVariance(x: x, y: y, bias: bias, parameterM: parameterM(x: x, y: y)) / Double(m)
    }
}
