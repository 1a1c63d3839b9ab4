extension EstimatorCatalog {
    /// The activation kernels f(x·w + b): SNNK universal random features (ALGORITHMS.md §5.6).
    static var activations: [EstimatorEntry] {
        [
            EstimatorEntry(
                kernel: "cos", estimator: "urf", isDefault: true,
                formula: "cos(x·w+b) ≈ (1/m) Σⱼ (1+4M)^{d/2} e^{‖x‖²/2−‖w‖²/2+c gⱼ·w−2M‖gⱼ‖²} cos(c gⱼ·x+b), c = √(1+4M), shared gⱼ ~ N(0,I)",
                make: { try TrigonometricURFEstimator(target: .cos, parameters: $0) }),
            EstimatorEntry(
                kernel: "sin", estimator: "urf", isDefault: true,
                formula: "sin(x·w+b) ≈ (1/m) Σⱼ (1+4M)^{d/2} e^{‖x‖²/2−‖w‖²/2+c gⱼ·w−2M‖gⱼ‖²} sin(c gⱼ·x+b), c = √(1+4M), shared gⱼ ~ N(0,I)",
                make: { try TrigonometricURFEstimator(target: .sin, parameters: $0) }),
            EstimatorEntry(
                kernel: "gauss-activation", estimator: "urf", isDefault: true,
                formula: "exp(−z²/2), z = x·w+b ≈ Re (1/m) Σⱼ exp(√(iuⱼ) gⱼ·(x+w) − iuⱼ(‖x‖²+‖w‖²)/2 + iuⱼb), uⱼ ~ N(0,1) (balanced split)",
                make: { try ActivationURFEstimator(activation: .gauss, parameters: $0) }),
            EstimatorEntry(
                kernel: "cauchy-activation", estimator: "urf", isDefault: true,
                formula: "1/(1+z²), z = x·w+b ≈ Re (1/m) Σⱼ exp(√(iuⱼ) gⱼ·(x+w) − iuⱼ(‖x‖²+‖w‖²)/2 + iuⱼb), uⱼ ~ Laplace(0,1); needs ‖x+w‖² < 1",
                make: { try ActivationURFEstimator(activation: .cauchy, parameters: $0) }),
        ]
    }
}
