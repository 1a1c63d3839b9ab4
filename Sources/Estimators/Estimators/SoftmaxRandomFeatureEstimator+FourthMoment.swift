import RandomFeatures
import RealModule

// MARK: - Fourth central moment of one estimate (iid rows) [derived here]
//
// Exact, in closed form, for both maps. Checked against the §5.4 variances (μ₂ below),
// against the moments of the binomial sum in step 1 up to order 8, and by Monte Carlo in
// SoftmaxFourthMomentTests (5 SE of the MC, the SE itself from the theory's eighth moment).
//
// One row's term is a scaled cosine of one standard normal G (G = w·v/‖v‖ for the row w):
//
//     trig:        ζ = e^{n/2 + b} cos(w·(x − y)) = e^{n/2 + b} cos(aG),   a² = τ = ‖x − y‖²
//     hyperbolic:  ζ = e^{b − n/2} cosh(w·(x + y)) = e^{b − n/2} cos(aG),   a² = τ = −‖x + y‖² = −S
//
// with n = ‖x‖² + ‖y‖² and cosh u = cos(iu): both are a scale times Y = cos(aG), a² = τ real.
//
// 1. cosᵏ(aG) = 2⁻ᵏ Σⱼ C(k, j) e^{i(2j − k)aG}, and E e^{cG} = e^{c²/2} for every complex c
//    (the Gaussian moment generating function is entire), so with q = e^{−τ}:
//        E Yᵏ = 2⁻ᵏ Σⱼ C(k, j) q^{(2j − k)²/2}
//    k = 1…4: q^{1/2}, (1 + q²)/2, (3q^{1/2} + q^{9/2})/4, (3 + 4q² + q⁸)/8.
// 2. Central moments about E Y = q^{1/2}:
//        μ₂(Y) = (1 + q²)/2 − q = (1 − q)²/2
//        μ₄(Y) = E Y⁴ − 4 E Y·E Y³ + 6 (E Y)² E Y² − 3 (E Y)⁴ = (3 − 20q² + 24q³ − 8q⁵ + q⁸)/8
//              = (1 − q)⁴ P(q)/8,        P(q) = q⁴ + 4q³ + 10q² + 12q + 3.
//    The octic has a fourfold root at q = 1 (τ = 0, where Y is constant); P is what is left
//    once it is divided out, and all its terms are positive: nothing cancels, however
//    small τ is (μ₄ ≈ 30τ⁴/8, the fourth moment of (G² − 1)τ/2).
// 3. Scaled: μ₂ = e^{2ℓ} μ₂(Y), μ₄ = e^{4ℓ} μ₄(Y), with ℓ = n/2 + b (trig), b − n/2 (hyperbolic).
//    trig:        μ₂ = e^{n + 2b} (1 − e^{−‖x−y‖²})²/2                               (§5.4's V1)
//    hyperbolic:  μ₂ = e^{2b − n} (e^S − 1)²/2 = e^{2b} SM² (cosh S − 1),  SM = e^{x·y}  (§5.4's V1)
// 4. One estimate K̂ = (1/m) Σⱼ ζⱼ over m iid rows (`IIDMoments`): μ₄(K̂) = (μ₄ + 3(m − 1)μ₂²)/m³.
//
// How heavy the tail is: the kurtosis of one term is μ₄/μ₂² = P(q)/2. For trig, q ∈ (0, 1]
// and it stays within [3/2, 15] (the term is bounded), so at T = 1000 trials the relative
// SE of the sample variance is at most √(14/1000) ≈ 0.12 and the variance check always has
// power. For hyperbolic, q = e^S and it grows like e^{4S}/2: 4·10⁶ at x = y on the unit sphere.
//
// Numerics, all in log space: log|1 − q| = log(−expm1(−τ)) for τ > 0 and log expm1(S) =
// S + log1p(−e^{−S}) for large S; log P(q) = 4 log q + log(1 + 4/q + 10/q² + 12/q³ + 3/q⁴) for
// q > 1. The mean of m rows in log space too (`IIDMoments.logFourthCentralMomentOfMean`); the
// result is exponentiated once and is +infinity exactly where μ₄(K̂) exceeds the Double range.

extension SoftmaxRandomFeatureEstimator {
    /// (log μ₂(Y), log μ₄(Y)) of Y = cos(aG), G ~ N(0, 1), a² = τ real (steps 1–2); τ < 0 is
    /// cosh(√(−τ) G). −infinity at τ = 0, where Y is constant.
    static func logCosineCentralMoments(tau: Double) -> (logVariance: Double, logFourth: Double) {
        // log|1 − q|, q = e^{−τ}.
        let logGap: Double
        if tau >= 0 {
            logGap = Double.log(-Double.expMinusOne(-tau))
        } else {
            let s = -tau
            logGap = s > 1 ? s + Double.log(onePlus: -Double.exp(-s)) : Double.log(Double.expMinusOne(s))
        }
        // log P(q), by Horner in q (q ≤ 1) or in 1/q (q > 1).
        let logP: Double
        if tau >= 0 {
            let q = Double.exp(-tau)
            logP = Double.log(3 + q * (12 + q * (10 + q * (4 + q))))
        } else {
            let u = Double.exp(tau)
            logP = -4 * tau + Double.log(1 + u * (4 + u * (10 + u * (12 + 3 * u))))
        }
        return (2 * logGap - Double.log(2), 4 * logGap + logP - Double.log(8))
    }

    /// (log μ₂, log μ₄) of one row's term ζ at the pair (steps 1–3).
    func perRowLogCentralMoments(x: [Double], y: [Double]) -> (logVariance: Double, logFourth: Double) {
        let nx = FeatureRowMath.squaredNorm(x), ny = FeatureRowMath.squaredNorm(y), xy = FeatureRowMath.dot(x, y)
        let n = nx + ny
        let tau: Double, logScale: Double
        switch map {
        case .trig:
            tau = max(0, n - 2 * xy)
            logScale = n / 2 + bias
        case .hyperbolic:
            tau = -max(0, n + 2 * xy)
            logScale = bias - n / 2
        }
        let cosine = Self.logCosineCentralMoments(tau: tau)
        return (2 * logScale + cosine.logVariance, 4 * logScale + cosine.logFourth)
    }

    /// μ₄ = E(ζ − E ζ)⁴ of one row's term at the pair; +infinity beyond the Double range.
    public func perRowFourthCentralMoment(x: [Double], y: [Double]) -> Double {
        Double.exp(perRowLogCentralMoments(x: x, y: y).logFourth)
    }

    /// μ₄(K̂) = (μ₄ + 3(m − 1)V1²)/m³ for m iid rows (step 4); +infinity where it exceeds the
    /// Double range; nil for other projections.
    public func fourthCentralMomentTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        let moments = perRowLogCentralMoments(x: x, y: y)
        return Double.exp(IIDMoments.logFourthCentralMomentOfMean(
            logVariance: moments.logVariance, logFourthCentralMoment: moments.logFourth, count: m))
    }
}
