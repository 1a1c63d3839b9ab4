import RandomFeatures

// MARK: - Fourth central moment of one estimate (fully random hashes) [derived here]
//
// One order-p sketch Z = ⟨TS_p x̃, TS_p ỹ⟩ of width D: its raw moments E Zⁿ, n ≤ 4, exactly
// (`CountSketchMoments`: Parseval over Z_D, the slots of the n inner products grouped by
// coordinate, and lattice point counts mod D), then about the mean E Z = (x̃·ỹ)ᵖ:
//
//     μ₄(Z) = E Z⁴ − 4μ E Z³ + 6μ² E Z² − 3μ⁴,     μ = (x̃·ỹ)ᵖ
//
// The orders are sketched independently, so the estimate a₀ + Σᵢ aᵢ Zᵢ has
//
//     μ₄ = Σᵢ aᵢ⁴ μ₄(Zᵢ) + 6 Σ_{i<j} aᵢ²aⱼ² Var Zᵢ Var Zⱼ
//
// (odd central moments of one factor times a centred other vanish). Checked in
// TensorSketchFourthMomentTests: E Z² against `sketchVariance` (even and odd D), μ₄ against
// exhaustive enumeration of every hash and sign (d = 2–3, D = 2–4, p = 1–3) to 1e-12, and
// against Monte Carlo of the estimator itself.
//
// Numerics: the raw moments are formed in Double and centred afterwards, so μ₄ loses about
// log₁₀(μ⁴/μ₄) digits; at the sizes of the sweeps (relative variance ≥ 1e-4) that leaves
// more than 7.

extension TensorSketchEstimator {
    /// (Var Z, μ₄(Z)) of one order-p sketch of width D at the (augmented) pair.
    public static func sketchCentralMoments(order p: Int, width D: Int, x: [Double], y: [Double]) -> (variance: Double, fourth: Double) {
        let e1 = CountSketchMoments.rawMoment(1, order: p, width: D, x: x, y: y)
        let e2 = CountSketchMoments.rawMoment(2, order: p, width: D, x: x, y: y)
        let e3 = CountSketchMoments.rawMoment(3, order: p, width: D, x: x, y: y)
        let e4 = CountSketchMoments.rawMoment(4, order: p, width: D, x: x, y: y)
        let m = e1
        let fourth = e4 - 4 * m * e3 + 6 * m * m * e2 - 3 * m * m * m * m
        return (e2 - m * m, max(0, fourth))
    }

    /// μ₄ of the whole estimate (all orders, independent); nil for other projections.
    public func fourthCentralMomentTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        let xt = bias == 0 ? x : x + [1], yt = bias == 0 ? y : y + [bias]
        var fourth = 0.0, variances: [Double] = []
        for i in PolynomialChecks.activeOrders(coefficients) {
            let a2 = coefficients[i] * coefficients[i]
            let moments = Self.sketchCentralMoments(order: i, width: m, x: xt, y: yt)
            fourth += a2 * a2 * moments.fourth
            variances.append(a2 * moments.variance)
        }
        for i in variances.indices { for j in variances.indices where j > i { fourth += 6 * variances[i] * variances[j] } }
        return fourth
    }
}
