import RandomFeatures
import RealModule

// MARK: - Variance theory (ALGORITHMS.md §5.10) [derived, MC 2e6 and 4e6, orders 1–3]
//
//     u = x⁺, v = w⁺,   q = ‖u‖²‖v‖² + 2(u·v)²   (Rademacher: − 2Σᵣ uᵣ²vᵣ²)
//     V1ᵢ = qⁱ − (u·v)^{2i}
//     Var (whole estimate, independent G per order) = Σᵢ aᵢ² V1ᵢ / m

extension EUGenEstimator {
    /// V1ᵢ for one order i at one pair, for `iid` (Gaussian) or `rademacher` rows.
    public func perRowVariance(order i: Int, x: [Double], y: [Double], rows: ProjectionKind) -> Double {
        let u = augmented(x, side: .x), v = augmented(y, side: .y)
        let uv = FeatureRowMath.dot(u, v)
        var q = FeatureRowMath.squaredNorm(u) * FeatureRowMath.squaredNorm(v) + 2 * uv * uv
        if rows == .rademacher { q -= 2 * FeatureRowMath.squaredProductSum(u, v) }
        return Double.pow(q, i) - Double.pow(uv, 2 * i)
    }

    /// Σᵢ aᵢ² V1ᵢ / m for iid Gaussian or Rademacher rows; nil for the structured projections.
    public func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid || projection == .rademacher, x.count == y.count, m >= 1 else { return nil }
        let total = PolynomialChecks.activeOrders(coefficients).reduce(0.0) { sum, i in
            sum + coefficients[i] * coefficients[i] * perRowVariance(order: i, x: x, y: y, rows: projection)
        }
        return total / Double(m)
    }
}
