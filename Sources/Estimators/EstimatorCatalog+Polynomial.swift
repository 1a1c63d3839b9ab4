extension EstimatorCatalog {
    /// The polynomial kernel Σᵢ aᵢ (x·y + b)ⁱ (ALGORITHMS.md §5.8–5.10).
    static var polynomial: [EstimatorEntry] {
        [
            EstimatorEntry(
                kernel: "polynomial", estimator: "eugen", isDefault: true,
                formula: "Σᵢ aᵢ (x·y+b)ⁱ ≈ a₀ + Σᵢ aᵢ (1/m) Σₖ Πⱼ (G^i_j x⁺)ₖ (G^i_j y⁺)ₖ, x⁺ = [x;1;‖x‖], y⁺ = [y;b;0], independent G^i_j",
                make: { try EUGenEstimator(parameters: $0) }),
            EstimatorEntry(
                kernel: "polynomial", estimator: "maclaurin", isDefault: false,
                formula: "Σₙ aₙ (x̃·ỹ)ⁿ ≈ (1/m) Σₖ (a_N/P(N)) Πⱼ (ωⱼ·x̃)(ωⱼ·ỹ), P(N=n) = 2^{−(n+1)}, ωⱼ Rademacher, x̃ = [x;1], ỹ = [y;b]",
                make: { try RandomMaclaurinEstimator(parameters: $0) }),
            EstimatorEntry(
                kernel: "polynomial", estimator: "tensorsketch", isDefault: false,
                formula: "Σᵢ aᵢ (x̃·ỹ)ⁱ ≈ a₀ + Σᵢ aᵢ ⟨TSᵢ(x̃), TSᵢ(ỹ)⟩, TSᵢ(x) = c2r(Πⱼ r2c(Cⱼ x))/D (FFTW), Cⱼ CountSketches of width D = --features",
                make: { try TensorSketchEstimator(parameters: $0) }),
        ]
    }
}
