import Estimators
import Testing

/// The exact kernels against the oracle table of ALGORITHMS.md §9.
///
/// Each oracle is written as printed there; the tolerance is half a unit in its last
/// printed digit (5e-13 for the 12-decimal values, 5e-12 for the four printed with 11
/// decimals), so a wrong digit anywhere fails. Exact rationals are checked to 1e-15.
@Suite struct KernelOracleTests {
    let x = OraclePair.x, y = OraclePair.y, b = OraclePair.bias

    static func tolerance(_ printed: String) -> Double {
        let decimals = printed.split(separator: ".").last.map(\.count) ?? 0
        return 0.5 * Double.pow10(-decimals) + 1e-15
    }

    func expectOracle(_ kernel: any Kernel, _ printed: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let value = kernel.value(x: x, y: y)
        let tolerance = Self.tolerance(printed)
        #expect(abs(value - Double(printed)!) <= tolerance, "\(kernel.name): \(value) vs \(printed)", sourceLocation: sourceLocation)
    }

    @Test func shiftInvariant() {
        expectOracle(GaussianKernel(sigma: 1), "0.848954233911")
        expectOracle(GaussianKernel(sigma: 2), "0.959889121143")
        expectOracle(LaplaceKernel(sigma: 1), "0.349937749111")
        expectOracle(CauchyKernel(sigma: 1), "0.736019499365")
    }

    @Test func dotProductAndActivations() {
        expectOracle(ExponentialKernel(bias: 0), "1.05127109638")
        expectOracle(ExponentialKernel(bias: b), "1.73325301787")
        expectOracle(TrigonometricKernel(.cos, bias: b), "0.85252452206")
        expectOracle(TrigonometricKernel(.sin, bias: b), "0.522687228931")
        expectOracle(FourierActivationKernel(.gauss, bias: b), "0.859632763603")
        expectOracle(FourierActivationKernel(.cauchy, bias: b), "0.767754318618")
    }

    @Test func polynomialExactRationals() {
        let cube = PolynomialKernel(coefficients: KernelParameters.binomialCoefficients(degree: 3, offset: 1))
        #expect(abs(cube.value(x: x, y: y) - 1.157625) <= 1e-15)
        let activation = PolynomialKernel(coefficients: [0.5, 1, 0.25], bias: b)
        #expect(abs(activation.value(x: x, y: y) - 1.125625) <= 1e-15)
    }

    @Test func arcCosine() {
        #expect(abs(ArcCosineKernel.angle(x, y) - 1.312271172935) <= Self.tolerance("1.312271172935"))
        expectOracle(ArcCosineKernel(order: 0), "0.582291112301")
        expectOracle(ArcCosineKernel(order: 1), "0.0892995397491")
        expectOracle(ArcCosineKernel(order: 2), "0.0342118382271")
        // Edges: x = y gives θ = 0 exactly (k₀ = 1), opposite vectors θ = π, zero vector k₁ = 0.
        #expect(ArcCosineKernel.angle(x, x) == 0)
        #expect(ArcCosineKernel(order: 0).value(x: x, y: x) == 1)
        #expect(abs(ArcCosineKernel.angle(x, x.map { -$0 }) - Double.pi) < 1e-15)
        #expect(ArcCosineKernel(order: 1).value(x: x, y: [0, 0, 0, 0]) == 0)
    }

    /// Every catalogue entry's `exact` is its kernel's value (one home per formula).
    @Test func catalogueExactValuesComeFromTheKernels() throws {
        let parameters = KernelParameters(sigma: 1, bias: b, coefficients: [0.5, 1, 0.25])
        let kernels: [String: any Kernel] = [
            "gaussian": GaussianKernel(sigma: 1), "laplace": LaplaceKernel(sigma: 1), "cauchy": CauchyKernel(sigma: 1),
            "exp": ExponentialKernel(bias: b), "cos": TrigonometricKernel(.cos, bias: b), "sin": TrigonometricKernel(.sin, bias: b),
            "gauss-activation": FourierActivationKernel(.gauss, bias: b), "cauchy-activation": FourierActivationKernel(.cauchy, bias: b),
            "arccos0": ArcCosineKernel(order: 0), "arccos1": ArcCosineKernel(order: 1),
            "polynomial": PolynomialKernel(coefficients: [0.5, 1, 0.25], bias: b),
        ]
        #expect(Set(EstimatorCatalog.kernelNames) == Set(kernels.keys))
        for entry in EstimatorCatalog.all {
            let e = try entry.make(parameters)
            #expect(try e.exact(x: x, y: y) == kernels[entry.kernel]!.value(x: x, y: y), "\(entry.kernel)/\(entry.estimator)")
        }
    }
}

extension Double {
    static func pow10(_ n: Int) -> Double { n >= 0 ? (0..<n).reduce(1) { r, _ in r * 10 } : 1 / pow10(-n) }
}
