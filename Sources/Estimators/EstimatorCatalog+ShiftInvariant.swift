extension EstimatorCatalog {
    /// Random Fourier features for the shift-invariant kernels (ALGORITHMS.md §4, §5.1).
    static var shiftInvariant: [EstimatorEntry] {
        let kernels: [(name: String, formula: String, frequencies: String, make: @Sendable (Double) -> any ShiftInvariantKernel)] = [
            ("gaussian", "exp(−‖x−y‖²/(2σ²))", "w ~ N(0,I)", { GaussianKernel(sigma: $0) }),
            ("laplace", "exp(−‖x−y‖₁/σ)", "wⱼ iid Cauchy", { LaplaceKernel(sigma: $0) }),
            ("cauchy", "Πⱼ 1/(1+(xⱼ−yⱼ)²/σ²)", "wⱼ iid Laplace", { CauchyKernel(sigma: $0) }),
        ]
        return kernels.flatMap { k in
            [
                EstimatorEntry(
                    kernel: k.name, estimator: "trig", isDefault: true,
                    formula: "\(k.formula) ≈ ⟨φ(x),φ(y)⟩, φ(x) = m^{−1/2} [cos(Wx/σ); sin(Wx/σ)], \(k.frequencies)",
                    make: { try RandomFourierEstimator(kernel: k.make(validSigma($0)), map: .trig) }),
                EstimatorEntry(
                    kernel: k.name, estimator: "offset", isDefault: false,
                    formula: "\(k.formula) ≈ ⟨φ(x),φ(y)⟩, φ(x) = √(2/m) cos(Wx/σ + β), βⱼ ~ U[0,2π), \(k.frequencies)",
                    make: { try RandomFourierEstimator(kernel: k.make(validSigma($0)), map: .offset) }),
            ]
        }
    }

    private static func validSigma(_ p: KernelParameters) throws -> Double {
        guard p.sigma.isFinite && p.sigma > 0 else { throw EstimatorError("--sigma must be a number > 0; got \(p.sigma)") }
        return p.sigma
    }
}
