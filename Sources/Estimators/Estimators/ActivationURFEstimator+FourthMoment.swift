import CGSL
import RandomFeatures
import RealModule

// MARK: - Fourth central moment of one estimate (balanced split, iid rows) [derived here]
//
// Exact, not a bound: a closed form for cauchy-activation, one-dimensional integrals
// evaluated by GSL adaptive quadrature for gauss-activation. Checked by Monte Carlo
// in ActivationURFFourthMomentTests (t = 0.05, 4·2²⁰ features, 5 SE of the MC, the SE
// itself from the theory's eighth moment), and against the §5.6 variance (μ₂ below).
//
// One feature Z = Φ(x)Ψ(w) of ActivationURFEstimator, with s = x + w, t = ‖s‖², z = x·w + b:
//
//     Z = exp(α G − iu c₀),   α = √(iu) = r(1 + iσ),  r = √(|u|/2),  σ = sign u,
//     G = g·s ~ N(0, t),      c₀ = (‖x‖² + ‖w‖²)/2 − b = t/2 − z.
//
// 1. Zᵃ Z̄ᵇ = exp((aα + bᾱ) G) · exp(−i(a − b) u c₀).
// 2. E_G exp(cG) = exp(c² t/2) for every complex c (the Gaussian moment generating
//    function is entire). Here c = aα + bᾱ = r((a + b) + iσ(a − b)), so
//        c² = r²(4ab + 2iσ(a² − b²)) = 2ab|u| + iu(a² − b²)          (2r² = |u|, σ|u| = u).
// 3. E_g[Zᵃ Z̄ᵇ | u] = exp(ab|u| t) · exp(iu θ_ab),
//        θ_ab = (a − b)((a + b) t/2 − c₀) = (a − b)((a + b − 1) t/2 + z).
// 4. p(u) is even, so the odd part sin(θu) averages to 0 and, with k = ab·t,
//        E[Zᵃ Z̄ᵇ] = M(k, θ_ab),   M(k, θ) = E_u[e^{k|u|} cos(θu)]:
//    gauss (u ~ N(0, 1)), substituting v = u − k in 2∫₀^∞ φ(u) e^{ku} cos(θu) du:
//        M(k, θ) = 2 e^{k²/2} ∫_{−k}^∞ φ(v) cos(θ(v + k)) dv      (GSL QAGIU; no real closed form)
//        M(0, θ) = e^{−θ²/2},   M(k, 0) = 2 e^{k²/2} Φ_N(k)        (closed forms, used when they apply)
//    cauchy (u ~ Laplace(0, 1)), ∫₀^∞ e^{−(1−k)u} cos(θu) du:
//        M(k, θ) = (1 − k)/((1 − k)² + θ²) for k < 1, not finite for k ≥ 1.
// 5. X = Re Z = (Z + Z̄)/2, so E Xⁿ = 2⁻ⁿ Σₐ C(n, a) M(a(n − a) t, θ_{a, n−a}).
// 6. Central moments, μ = E X = f(z):
//        μ₂ = E X² − μ²,   μ₄ = E X⁴ − 4μ E X³ + 6μ² E X² − 3μ⁴.
// 7. One estimate K̂ = (1/m) Σⱼ Re Zⱼ with iid rows averages m iid X (`IIDMoments`):
//        μ₄(K̂) = (μ₄ + 3(m − 1) μ₂²)/m³.
//
// Checks of the algebra: (a, b) = (1, 0) gives f(z); (1, 1) gives E|Z|² = M(t, 0) =
// 2e^{t²/2}Φ_N(t); (2, 0) gives f(t + 2z) = f(‖x‖² + ‖w‖² + 4x·w + 2b); steps 5–6 then
// reproduce the variance of §5.6. And E|Z|⁴ = M(4t, 0) = 2 e^{8t²} Φ_N(4t) (gauss),
// 1/(1 − 4t) (cauchy): so cauchy-activation's fourth moment is finite only for
// ‖x+w‖² < 1/4, not 1/2 as ALGORITHMS.md §5.6 and §7.1 state (E X⁴ ≥ (6 E|Z|⁴ − 8 E|Z|³ − 2)/16).
//
// How heavy the tail is: at ‖x‖ = ‖w‖ = 1 and x = w (t = 4) the kurtosis μ₄/μ₂² of one
// feature is of order e^{128}/e^{16}, so no feasible number of trials estimates μ₄.
//
// Numerics: the v-integral is bounded by 1 in size and is computed to an absolute 1e-13
// (relative 1e-10), so M is good to 2e^{k²/2}·1e-13 where it is not a closed form; in
// μ₄ these terms (k ≤ 3t) are dwarfed by the closed-form E|Z|⁴ term (k = 4t) once t is
// large, and for small t all terms are O(1). Past 8t² > 700, e^{8t²} overflows a Double
// and μ₄ is reported as +infinity (it exceeds the largest Double: E X⁴ ≥ 3/8·E|Z|⁴ − O(E|Z|³)).

extension ActivationURFEstimator {
    /// M(k, θ) = E_u[e^{k|u|} cos(θu)] under the activation's proposal p (step 4 above).
    /// +infinity for cauchy-activation when k ≥ 1 and θ = 0; NaN (no expectation) when k ≥ 1, θ ≠ 0.
    static func exponentialCosineMoment(activation: Activation, k: Double, theta: Double,
                                        quadrature: HalfLineQuadrature) throws -> Double {
        switch activation {
        case .gauss:
            if k == 0 { return Double.exp(-theta * theta / 2) }
            let scale = Double.exp(k * k / 2)
            if theta == 0 { return 2 * scale * gsl_cdf_ugaussian_P(k) }
            let integral = try quadrature.integrate(from: -k, absoluteTolerance: 1e-13, relativeTolerance: 1e-10) { v in
                gsl_ran_ugaussian_pdf(v) * Double.cos(theta * (v + k))
            }
            return 2 * scale * integral
        case .cauchy:
            guard k < 1 else { return theta == 0 ? .infinity : .nan }
            let a = 1 - k
            return a / (a * a + theta * theta)
        }
    }

    /// E[(Re Z)ⁿ] for n = 1…`order` at a pair with t = ‖x+w‖² and z = x·w + b (steps 1–5).
    /// Entries that do not exist are +infinity (even n) or NaN (odd n) — cauchy-activation
    /// past its moment limits only.
    /// - Throws: `HalfLineQuadrature.Failure` when GSL cannot reach the tolerance.
    public static func rawMoments(activation: Activation, t: Double, z: Double, order: Int) throws -> [Double] {
        precondition(order >= 1 && t >= 0)
        let quadrature = HalfLineQuadrature()
        var moments: [Double] = []
        for n in 1...order {
            var sum = 0.0, binomial = 1.0
            for a in 0...n {
                let b = n - a
                let k = Double(a * b) * t
                let theta = Double(a - b) * (Double(a + b - 1) * t / 2 + z)
                sum += binomial * (try exponentialCosineMoment(activation: activation, k: k, theta: theta, quadrature: quadrature))
                binomial = binomial * Double(n - a) / Double(a + 1)
            }
            let even = n % 2 == 0
            if activation == .cauchy && sum.isNaN && even { sum = .infinity }   // the θ = 0 term diverges to +∞
            moments.append(sum / Double(1 << n))
        }
        return moments
    }

    /// μ₄ = E(Re Z − f)⁴ of one feature product at the pair (steps 1–6): +infinity for
    /// cauchy-activation when ‖x+w‖² ≥ 1/4, and for gauss-activation past 8‖x+w‖⁴ > 700.
    public static func perRowFourthCentralMoment(activation: Activation, x: [Double], w: [Double], bias b: Double) throws -> Double {
        let t = sumSquaredNorm(x, w)
        switch activation {
        case .cauchy where 4 * t >= 1: return .infinity
        case .gauss where 8 * t * t > 700: return .infinity
        default: break
        }
        let z = FeatureRowMath.dot(x, w) + b
        let m = try rawMoments(activation: activation, t: t, z: z, order: 4)
        let mu = m[0], mu2 = mu * mu
        let fourth = m[3] - 4 * mu * m[2] + 6 * mu2 * m[1] - 3 * mu2 * mu2
        guard fourth.isFinite else { return .infinity }
        return max(0, fourth)
    }

    /// μ₄(K̂) = (μ₄ + 3(m − 1)V1²)/m³ for iid rows (step 7), +infinity where one feature's
    /// fourth moment is infinite; nil for other projections, and where GSL's quadrature
    /// fails (the theory is then unknown, never guessed).
    public func fourthCentralMomentTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        guard let fourth = try? Self.perRowFourthCentralMoment(activation: activation, x: x, w: y, bias: bias) else { return nil }
        if fourth == .infinity { return .infinity }
        let variance = Self.perRowVariance(activation: activation, x: x, w: y, bias: bias)
        return IIDMoments.fourthCentralMomentOfMean(variance: variance, fourthCentralMoment: fourth, count: m)
    }
}
