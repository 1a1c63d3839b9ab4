import RandomFeatures

// MARK: - Variance theory (ALGORITHMS.md §5.1, iid rows)

extension RandomFourierEstimator {
    /// Per-row variance at one pair, with K = κ(δ/σ) and K₂ = κ(2δ/σ)
    /// `[derived, MC 2e6 per case]`:
    ///
    ///     trig:    V1 = (1 + K₂)/2 − K²        Gaussian (1 − K²)²/2,   Laplace (1 − K²)/2
    ///     offset:  V1 = 1 + K₂/2 − K²          Gaussian 1 + K⁴/2 − K², Laplace 1 − K²/2
    public func perRowVariance(x: [Double], y: [Double]) -> Double {
        let delta = zip(x, y).map { ($0 - $1) / kernel.sigma }
        let k = kernel.profile(scaledDifference: delta)
        let k2 = kernel.profile(scaledDifference: delta.map { 2 * $0 })
        switch map {
        case .trig: return (1 + k2) / 2 - k * k
        case .offset: return 1 + k2 / 2 - k * k
        }
    }

    /// V1/m for iid rows; nil for other projections (whose rows are dependent).
    public func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        return perRowVariance(x: x, y: y) / Double(m)
    }
}
