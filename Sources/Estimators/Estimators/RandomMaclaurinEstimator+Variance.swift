import RandomFeatures

// MARK: - Variance theory (ALGORITHMS.md §5.8) [derived, MC 2e6 and 1e7]
//
//     q       = ‖x̃‖²‖ỹ‖² + 2(x̃·ỹ)² − 2Σᵣ x̃ᵣ²ỹᵣ²       (Rademacher; drop the last term for Gaussian rows)
//     V1      = Σ_{n≥0} (aₙ²/P(n)) qⁿ − f(x̃·ỹ)²
//     V1(H01) = Σ_{n≥2} (aₙ²/P'(n)) qⁿ − (f − a₀ − a₁ x̃·ỹ)²
//
// The series is summed until its tail is below 1e-17 relative; it converges when
// Σ aₙ² 2^{n+1} qⁿ does (for a polynomial it is finite).

extension RandomMaclaurinEstimator {
    /// V1 at one pair for rows of the given kind (`iid` Gaussian or `rademacher`).
    public func perRowVariance(x: [Double], y: [Double], rows: ProjectionKind) -> Double {
        let xt = bias == 0 ? x : x + [1], yt = bias == 0 ? y : y + [bias]
        let z = FeatureRowMath.dot(xt, yt)
        var q = FeatureRowMath.squaredNorm(xt) * FeatureRowMath.squaredNorm(yt) + 2 * z * z
        if rows == .rademacher { q -= 2 * FeatureRowMath.squaredProductSum(xt, yt) }
        q = max(q, 0)
        let f = series.value(z)
        switch variant {
        case .plain:
            return series.weightedSquareSum(q: q, from: 0, logWeight: logInverseProbability) - f * f
        case .exactLowOrder:
            let rest = f - series.coefficient(0) - series.coefficient(1) * z
            return series.weightedSquareSum(q: q, from: 2, logWeight: logInverseProbability) - rest * rest
        }
    }

    /// V1/m for `iid` (Gaussian) or `rademacher` rows.
    public func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard validProjections.contains(projection), x.count == y.count, m >= 1 else { return nil }
        return perRowVariance(x: x, y: y, rows: projection) / Double(m)
    }
}
