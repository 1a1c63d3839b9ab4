import RandomFeatures
import RealModule

// MARK: - Fourth central moment of one estimate (iid rows) [derived here]
//
// Exact, in closed form, for every M ≥ 0 (FAVOR+ at M = 0, `positive` and `urf` alike).
// Checked against the §5.5 variance (μ₂ below) and by Monte Carlo in
// SoftmaxFourthMomentTests (5 SE of the MC, the SE itself from the theory's eighth moment).
//
// One row's term, g ~ N(0, I_d), s = x + y, S = ‖s‖², n = ‖x‖² + ‖y‖², c = √(1+4M):
//
//     ζ = (1+4M)^{d/2} exp(c g·s − 2M‖g‖² − n/2 + b),     E ζ = exp(x·y + b) = μ.
//
// 1. Completing the square coordinatewise, for β > −1/2 and any a:
//        E exp(a g·s − β‖g‖²) = (1+2β)^{−d/2} exp(a² S/(2(1+2β))).
// 2. ζᵏ is of that form with a = kc, β = 2kM (> −1/2 for every k ≥ 1, M ≥ 0), so every
//    moment is finite:
//        E ζᵏ = (1+4M)^{kd/2} (1+4kM)^{−d/2} exp(k²(1+4M) S/(2(1+4kM)) + k(b − n/2)).
//    k = 1 gives exp(S/2 − n/2 + b) = exp(x·y + b) (S − n = 2x·y): unbiased.
// 3. Normalised, X = ζ/μ has E X = 1 and rₖ = E Xᵏ = e^{Lₖ} with
//        Lₖ = (d/2)(k·log1p(4M) − log1p(4kM)) + k(k − 1) S/(2(1 + 4kM))
//    (the S-terms: k²(1+4M)/(2(1+4kM)) − k/2 = k(k − 1)/(2(1 + 4kM))). At M = 0, Lₖ = k(k−1)S/2:
//    X is lognormal with log-variance S.
// 4. Central moments, with εₖ = rₖ − 1 = expm1(Lₖ) (the constants cancel: 1 − 4 + 6 − 3 = 0):
//        μ₂ = μ² ε₂                                  (= V1(M) of §5.5)
//        μ₄ = μ⁴ (r₄ − 4r₃ + 6r₂ − 3) = μ⁴ (ε₄ − 4ε₃ + 6ε₂) =: μ⁴ D.
// 5. One estimate K̂ = (1/m) Σⱼ ζⱼ over m iid rows (`IIDMoments`): μ₄(K̂) = (μ₄ + 3(m − 1)μ₂²)/m³.
//
// How heavy the tail is: at M = 0 the kurtosis of one term is D/ε₂² ≈ e^{4S} for large S,
// e^{16} ≈ 9·10⁶ at x = y on the unit sphere (S = 4).
//
// Numerics, all in log space (log μ = x·y + b): log μ₄ = 4 log μ + log D.
// - Where L₄ ≤ 30, D = ε₄ − 4ε₃ + 6ε₂ directly. The three terms cancel to first order
//   when ε₂ is small (D ≈ 3ε₂² at M = 0), so the relative error is about
//   ε_mach·(ε₄ + 4ε₃ + 6ε₂)/D ≈ 8ε_mach/S at M = 0: 1e-8 at S = 1e-8. D is kept ≥ ε₂²
//   (μ₄ ≥ σ⁴ for every law), which only rounding at S ≲ 1e-15 could break.
// - Where L₄ > 30, D = r₄(1 − 4e^{L₃−L₄} + 6e^{L₂−L₄} − 3e^{−L₄}), the bracket in log1p. It
//   is close to 1 there, with no cancellation: with X = 1 + Y, r₄ − D = 4E Y³ + 6ε₂ + 1 ≤
//   4D^{3/4} + 6D^{1/2} + 1 (Lyapunov), so D/r₄ → 1 as r₄ grows.
// - The mean of m rows in log space (`IIDMoments.logFourthCentralMomentOfMean`); the result
//   is exponentiated once and is +infinity exactly where μ₄(K̂) exceeds the Double range
//   (never NaN). The variance check then skips the pair (no power).

extension SoftmaxURFEstimator {
    /// Lₖ = log E(ζ/μ)ᵏ of one row's term (step 3), for any real k ≥ 1.
    /// - Parameters: S = ‖x+y‖², d the dimension, M ≥ 0.
    /// Kept ≥ 0, as Jensen's inequality has it (E Xᵏ ≥ (E X)ᵏ = 1): at S = 0 and M below
    /// ~1e-16 rounding could otherwise make it negative.
    static func logNormalisedRawMoment(order k: Double, sumSquaredNorm s: Double, dimension d: Int, parameterM mm: Double) -> Double {
        max(0, Double(d) / 2 * (k * Double.log(onePlus: 4 * mm) - Double.log(onePlus: 4 * k * mm))
            + k * (k - 1) * s / (2 * (1 + 4 * k * mm)))
    }

    /// (log μ₂, log μ₄) of one row's term at the pair (steps 1–4, in log space); −infinity
    /// for a constant term (S = 0 at M = 0: y = −x).
    static func perRowLogCentralMoments(x: [Double], y: [Double], bias b: Double, parameterM mm: Double)
        -> (logVariance: Double, logFourth: Double) {
        let d = x.count
        let s = zip(x, y).reduce(0.0) { $0 + ($1.0 + $1.1) * ($1.0 + $1.1) }
        let logMean = FeatureRowMath.dot(x, y) + b
        let l2 = logNormalisedRawMoment(order: 2, sumSquaredNorm: s, dimension: d, parameterM: mm)
        let l3 = logNormalisedRawMoment(order: 3, sumSquaredNorm: s, dimension: d, parameterM: mm)
        let l4 = logNormalisedRawMoment(order: 4, sumSquaredNorm: s, dimension: d, parameterM: mm)
        // log ε₂ = log expm1(L₂), without overflow for large L₂.
        let logE2 = l2 > 1 ? l2 + Double.log(onePlus: -Double.exp(-l2)) : Double.log(Double.expMinusOne(l2))
        let logD: Double
        if l4 <= 30 {
            let e2 = Double.expMinusOne(l2)
            let direct = Double.expMinusOne(l4) - 4 * Double.expMinusOne(l3) + 6 * e2
            logD = Double.log(max(direct, e2 * e2))
        } else {
            logD = l4 + Double.log(onePlus: -4 * Double.exp(l3 - l4) + 6 * Double.exp(l2 - l4) - 3 * Double.exp(-l4))
        }
        return (2 * logMean + logE2, 4 * logMean + logD)
    }

    /// μ₄ = E(ζ − μ)⁴ of one row's term at the pair (steps 1–4); +infinity beyond the Double range.
    public static func perRowFourthCentralMoment(x: [Double], y: [Double], bias b: Double, parameterM mm: Double) -> Double {
        Double.exp(perRowLogCentralMoments(x: x, y: y, bias: b, parameterM: mm).logFourth)
    }

    /// μ₄(K̂) = (μ₄ + 3(m − 1)V1²)/m³ for m iid rows (step 5), with the pair's M (fixed, or M*
    /// under `.optimal`); +infinity where it exceeds the Double range; nil for other projections.
    public func fourthCentralMomentTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        let moments = Self.perRowLogCentralMoments(x: x, y: y, bias: bias, parameterM: parameterM(x: x, y: y))
        return Double.exp(IIDMoments.logFourthCentralMomentOfMean(
            logVariance: moments.logVariance, logFourthCentralMoment: moments.logFourth, count: m))
    }
}
