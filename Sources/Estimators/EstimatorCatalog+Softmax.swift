extension EstimatorCatalog {
    /// The softmax kernel exp(x·y + b): positive (FAVOR+, the default), trigonometric and
    /// hyperbolic features (ALGORITHMS.md §5.4–5.5). exp's `urf` is in `+SoftmaxURF`.
    static var softmax: [EstimatorEntry] {
        [
            EstimatorEntry(
                kernel: "exp", estimator: "positive", isDefault: true,
                formula: "exp(x·y+b) ≈ ⟨φ(x),φ(y)⟩, φⱼ(x) = m^{−1/2} (1+4M)^{d/4} exp(√(1+4M) gⱼ·x − ‖x‖²/2 − M‖gⱼ‖² + b/2), gⱼ ~ N(0,I); FAVOR+ at M = 0, --urf-m M or optimal",
                make: { try SoftmaxURFEstimator(parameters: $0, name: "positive") }),
            EstimatorEntry(
                kernel: "exp", estimator: "trig", isDefault: false,
                formula: "exp(x·y+b) ≈ ⟨φ(x),φ(y)⟩, φ(x) = e^{‖x‖²/2+b/2} m^{−1/2} [cos Wx; sin Wx], W ~ N(0,I)",
                make: { try SoftmaxRandomFeatureEstimator(map: .trig, parameters: $0) }),
            EstimatorEntry(
                kernel: "exp", estimator: "hyperbolic", isDefault: false,
                formula: "exp(x·y+b) ≈ ⟨φ(x),φ(y)⟩, φ(x) = e^{−‖x‖²/2+b/2} (2m)^{−1/2} [exp(Wx); exp(−Wx)], W ~ N(0,I)",
                make: { try SoftmaxRandomFeatureEstimator(map: .hyperbolic, parameters: $0) }),
        ]
    }
}
