import RandomFeatures
import RealModule

// MARK: - Fourth central moment of one estimate [derived here]
//
// One feature's product ζ = (a_N/P(N)) Π_{j≤N} uⱼ with uⱼ = (ωⱼ·x̃)(ωⱼ·ỹ) iid and independent
// of N, so its raw moments are
//
//     E ζᵏ = Σₙ P(n)^{1−k} aₙᵏ (E uᵏ)ⁿ            (n ≥ 0 with P; n ≥ 2 with P' for H0/1,
//                                                  whose exact a₀ + a₁z shifts but does not spread)
//
// with A = ‖x̃‖², B = ‖ỹ‖², z = x̃·ỹ:
// - Gaussian rows (Isserlis: j cross pairs among k U's and k V's, C(k, j)² j! ((k−j−1)!!)² ways):
//       E u = z,  E u² = AB + 2z²,  E u³ = 9ABz + 6z³,  E u⁴ = 9A²B² + 72ABz² + 24z⁴
// - Rademacher rows: E uᵏ = E (s·x̃)ᵏ(s·ỹ)ᵏ over signs s, which is `CountSketchMoments`' k-th raw
//   moment at width D = 1 and order 1 (a one-bucket CountSketch is s·x̃): the sum over even slot
//   partitions of the distinct-coordinate weights (E u² = AB + 2z² − 2Σᵣx̃ᵣ²ỹᵣ², §5.8's q).
//
// μ₄(ζ) = E ζ⁴ − 4E ζ E ζ³ + 6(E ζ)² E ζ² − 3(E ζ)⁴, V1 = E ζ² − (E ζ)² (= `perRowVariance`), and the
// estimate is the mean of m iid features (`IIDMoments`): μ₄ = (μ₄(ζ) + 3(m − 1)V1²)/m³.
// An infinite series (e.g. exp) is summed until its terms stay below 1e-17 of the sum; it is
// +infinity if Σ aₙ⁴ P(n)⁻³ (E u⁴)ⁿ does not converge within 5000 terms.
// Checked in MaclaurinFourthMomentTests: exhaustive enumeration of N and the signs (Rademacher)
// to 1e-12, and Monte Carlo of the estimator (both row kinds).

extension RandomMaclaurinEstimator {
    /// E uᵏ, k = 1…4, for one row u = (ω·x̃)(ω·ỹ).
    static func rowProductMoments(x: [Double], y: [Double], rows: ProjectionKind) -> [Double] {
        if rows == .rademacher {
            return (1...4).map { CountSketchMoments.rawMoment($0, order: 1, width: 1, x: x, y: y) }
        }
        let a = FeatureRowMath.squaredNorm(x), b = FeatureRowMath.squaredNorm(y), z = FeatureRowMath.dot(x, y)
        let ab = a * b, z2 = z * z
        return [z, ab + 2 * z2, 9 * ab * z + 6 * z2 * z, 9 * ab * ab + 72 * ab * z2 + 24 * z2 * z2]
    }

    /// (V1, μ₄) of one feature's product at the pair.
    public func perRowCentralMoments(x: [Double], y: [Double], rows: ProjectionKind) -> (variance: Double, fourth: Double) {
        let xt = bias == 0 ? x : x + [1], yt = bias == 0 ? y : y + [bias]
        let u = Self.rowProductMoments(x: xt, y: yt, rows: rows)
        let start = variant == .plain ? 0 : 2
        let e = (1...4).map { k -> Double in
            var sum = 0.0, small = 0, n = start
            while n <= (series.degree ?? 5000) {
                let a = series.coefficient(n)
                if a != 0 {
                    var term = Double.exp(Double(k - 1) * logInverseProbability(n))
                    for _ in 0..<k { term *= a }
                    for _ in 0..<n { term *= u[k - 1] }
                    sum += term
                    if series.degree == nil {
                        small = abs(term) <= 1e-17 * abs(sum) ? small + 1 : 0
                        if small >= 8 { return sum }
                    }
                }
                n += 1
            }
            return series.degree == nil ? .infinity : sum
        }
        guard e.allSatisfy({ $0.isFinite }) else { return (.infinity, .infinity) }
        let m = e[0]
        return (e[1] - m * m, max(0, e[3] - 4 * m * e[2] + 6 * m * m * e[1] - 3 * m * m * m * m))
    }

    /// μ₄ of the mean of m features for `iid` (Gaussian) or `rademacher` rows; nil otherwise.
    public func fourthCentralMomentTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard validProjections.contains(projection), x.count == y.count, m >= 1 else { return nil }
        let row = perRowCentralMoments(x: x, y: y, rows: projection)
        guard row.fourth.isFinite else { return .infinity }
        return IIDMoments.fourthCentralMomentOfMean(variance: row.variance, fourthCentralMoment: row.fourth, count: m)
    }
}
