import RandomFeatures
import RealModule

// MARK: - Variance theory (ALGORITHMS.md §5.9, fully random hashes) [derived, MC 4e5–1e6]
//
//     α = (x̃·ỹ)²,  β = ‖x̃‖²‖ỹ‖² − Σᵣ x̃ᵣ²ỹᵣ²,  γ = (x̃·ỹ)² − Σᵣ x̃ᵣ²ỹᵣ²,  c_D = 2 if D even, 1 if D odd
//     E⟨TS x, TS y⟩² = α^p + (1/D)[(α+β)^p + (α+γ)^p − 2α^p]
//                          + (c_D/D²)[(α+β+γ)^p − (α+β)^p − (α+γ)^p + α^p]
//     Var = E⟨·⟩² − α^p            (whole estimate of width D: no 1/m)
//     p = 1 (CountSketch): Var = (‖x‖²‖y‖² + (x·y)² − 2Σᵣ xᵣ²yᵣ²)/D
//
// The even/odd term is real (trap §8.21): at p = 2, D = 2 the MC of ALGORITHMS.md gives
// 0.43207, matching c_D = 2 and not c_D = 1 (0.47006); tests check D = 15 and D = 16.

extension TensorSketchEstimator {
    /// The variance of one order-p sketch of width D at the (augmented) pair.
    public static func sketchVariance(order p: Int, width D: Int, x: [Double], y: [Double]) -> Double {
        let z = FeatureRowMath.dot(x, y)
        let cross = FeatureRowMath.squaredProductSum(x, y)
        let alpha = z * z
        let beta = FeatureRowMath.squaredNorm(x) * FeatureRowMath.squaredNorm(y) - cross
        let gamma = alpha - cross
        let cD: Double = D % 2 == 0 ? 2 : 1
        let dd = Double(D)
        func pw(_ v: Double) -> Double { Double.pow(v, p) }
        let ap = pw(alpha), abp = pw(alpha + beta), agp = pw(alpha + gamma), abgp = pw(alpha + beta + gamma)
        return (abp + agp - 2 * ap) / dd + cD / (dd * dd) * (abgp - abp - agp + ap)
    }

    /// Σᵢ aᵢ² Var_i(D) for the orders this estimator sketches (independent per order).
    public func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        let xt = bias == 0 ? x : x + [1], yt = bias == 0 ? y : y + [bias]
        return PolynomialChecks.activeOrders(coefficients).reduce(0.0) { sum, i in
            sum + coefficients[i] * coefficients[i] * Self.sketchVariance(order: i, width: m, x: xt, y: yt)
        }
    }
}
