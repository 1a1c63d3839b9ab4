import CGSL
import RandomFeatures
import RealModule

// MARK: - Variance theory (ALGORITHMS.md §5.6, balanced split, iid rows) [derived, MC 5e7]
//
//     Var(Re Z) = (1/2)(E|Z|² + f(‖x‖² + ‖w‖² + 4x·w + 2b)) − f(x·w + b)²      (p = F̃, f(0) = 1)
//     gauss-activation:  E|Z|² = 2 e^{t²/2} Φ_N(t),  t = ‖x+w‖²   (Φ_N: GSL gsl_cdf_ugaussian_P)
//     cauchy-activation: E|Z|² = 1/(1 − t), finite only for t < 1

extension ActivationURFEstimator {
    /// E|Z|² of one feature product at the pair (+infinity for cauchy-activation when ‖x+w‖² ≥ 1).
    public static func secondMoment(activation: Activation, x: [Double], w: [Double]) -> Double {
        let t = sumSquaredNorm(x, w)
        switch activation {
        case .gauss:
            // log(2 e^{t²/2} Φ_N(t)) kept in log space for large t.
            return Double.exp(Double.log(2) + t * t / 2 + Double.log(gsl_cdf_ugaussian_P(t)))
        case .cauchy:
            return t < 1 ? 1 / (1 - t) : .infinity
        }
    }

    /// V1 = Var(Re Z) at one pair.
    public static func perRowVariance(activation: Activation, x: [Double], w: [Double], bias b: Double) -> Double {
        let xw = FeatureRowMath.dot(x, w)
        let shifted = FeatureRowMath.squaredNorm(x) + FeatureRowMath.squaredNorm(w) + 4 * xw + 2 * b
        let f = activation.value(xw + b)
        return (secondMoment(activation: activation, x: x, w: w) + activation.value(shifted)) / 2 - f * f
    }

    /// V1/m for iid rows; nil for other projections. +infinity for cauchy-activation
    /// at ‖x+w‖² ≥ 1 (pairs that `validate` refuses).
    public func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        return Self.perRowVariance(activation: activation, x: x, w: y, bias: bias) / Double(m)
    }
}
