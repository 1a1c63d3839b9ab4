extension EstimatorCatalog {
    /// Cho–Saul arc-cosine kernels of orders 0 and 1 (ALGORITHMS.md §4, §5.7).
    static var arcCosine: [EstimatorEntry] {
        [
            EstimatorEntry(
                kernel: "arccos0", estimator: "heaviside", isDefault: true,
                formula: "1 − θ/π ≈ ⟨φ(x),φ(y)⟩, φ(x) = √(2/m) Θ(Wx), W ~ N(0,I)",
                make: { _ in ArcCosineEstimator(order: 0) }),
            EstimatorEntry(
                kernel: "arccos1", estimator: "relu", isDefault: true,
                formula: "(1/π)‖x‖‖y‖(sin θ + (π−θ) cos θ) ≈ ⟨φ(x),φ(y)⟩, φ(x) = √(2/m) max(Wx, 0), W ~ N(0,I) (SNNK's 1/√m map estimates half)",
                make: { _ in ArcCosineEstimator(order: 1) }),
        ]
    }
}
