extension EstimatorCatalog {
    /// exp's `urf` estimator (generalised positive features with SNNK's M, ALGORITHMS.md §5.5).
    /// Kept apart from `EstimatorCatalog+Softmax.swift`, which holds exp's other estimators.
    static var softmaxURF: [EstimatorEntry] {
        [
            EstimatorEntry(
                kernel: "exp", estimator: "urf", isDefault: false,
                formula: "exp(x·y+b) ≈ ⟨φ(x), φ(y)⟩, φⱼ(x) = m^{−1/2} (1+4M)^{d/4} exp(√(1+4M) gⱼ·x − ‖x‖²/2 − M‖gⱼ‖² + b/2), gⱼ ~ N(0,I); M = 0 is FAVOR+",
                make: { try SoftmaxURFEstimator(parameters: $0) }),
        ]
    }
}
