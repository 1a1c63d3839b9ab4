import RandomFeatures
import RealModule

// MARK: - Variance theory (ALGORITHMS.md §5.6, iid rows) [derived, MC 2e6 at M = 0, 0.25, 1]
//
//     C_M = (1+4M)^d (1+8M)^{−d/2},   κ = 2(1+4M)/(1+8M)
//     E2  = C_M exp(‖x‖² + ‖w‖²/(1+8M))
//     Ec  = C_M exp((‖w‖² − ‖x‖²)/(1+8M)) cos(2κ x·w + 2b)
//     cos: V1 = (E2 + Ec)/2 − cos²(x·w + b)        sin: V1 = (E2 − Ec)/2 − sin²(x·w + b)
//
// Everything is assembled in log space: with L2 = log E2 and Lc = log |Ec|/|cos(…)|,
// Lc ≤ L2 always, so log((E2 ± Ec)/2) = L2 − log 2 + log1p(±e^{Lc−L2} cos(…)) never
// overflows, even at d = 4096 where C_M alone exceeds the Double range.

extension TrigonometricURFEstimator {
    /// log V1(M) at one pair; −infinity where V1 = 0 (e.g. rounding at a degenerate pair).
    public static func logPerRowVariance(target: Target, x: [Double], w: [Double], bias b: Double, parameterM mm: Double) -> Double {
        let d = Double(x.count)
        let nx = FeatureRowMath.squaredNorm(x), nw = FeatureRowMath.squaredNorm(w)
        let xw = FeatureRowMath.dot(x, w)
        let logC = d * Double.log(onePlus: 4 * mm) - d / 2 * Double.log(onePlus: 8 * mm)
        let q = 1 + 8 * mm
        let kappa = 2 * (1 + 4 * mm) / q
        let l2 = logC + nx + nw / q
        let lc = logC + (nw - nx) / q
        let oscillation = Double.cos(2 * kappa * xw + 2 * b)
        let sign: Double = target == .cos ? 1 : -1
        let logHalfSum = l2 - Double.log(2) + Double.log(onePlus: sign * Double.exp(lc - l2) * oscillation)
        let f = target == .cos ? Double.cos(xw + b) : Double.sin(xw + b)
        // V1 = e^{logHalfSum} − f² = e^{logHalfSum}(1 − f² e^{−logHalfSum}).
        let ratio = f * f * Double.exp(-logHalfSum)
        return ratio >= 1 ? -.infinity : logHalfSum + Double.log(onePlus: -ratio)
    }

    /// V1(M) at one pair (+infinity only where it exceeds the Double range).
    public static func perRowVariance(target: Target, x: [Double], w: [Double], bias b: Double, parameterM mm: Double) -> Double {
        Double.exp(logPerRowVariance(target: target, x: x, w: w, bias: b, parameterM: mm))
    }

    /// Variance of one estimate with m iid rows: V1(M)/m, at the M this estimator
    /// uses for the pair; nil for other projections.
    public func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        return Self.perRowVariance(target: target, x: x, w: y, bias: bias, parameterM: parameterM(x: x, y: y)) / Double(m)
    }
}
