import Estimators
import RandomFeatures
import Testing

/// Every estimator of this family on every structured projection it accepts.
@Suite struct StructuredProjectionEstimatorTests {
    let x = OraclePair.x, y = OraclePair.y, b = OraclePair.bias

    @Test func urfOrthogonal() throws { try urfEstimatorsUnbiased(projection: .orthogonal) }
    @Test func urfFastfood() throws { try urfEstimatorsUnbiased(projection: .fastfood) }
    @Test func urfCirculant() throws { try urfEstimatorsUnbiased(projection: .circulant) }

    @Test func eugenOrthogonal() throws { try eugenUnbiased(projection: .orthogonal) }
    @Test func eugenSORF() throws { try eugenUnbiased(projection: .sorf) }
    @Test func eugenFastfood() throws { try eugenUnbiased(projection: .fastfood) }
    @Test func eugenCirculant() throws { try eugenUnbiased(projection: .circulant) }
    @Test func eugenRademacher() throws { try eugenUnbiased(projection: .rademacher) }

    /// Single-row URF estimators are unbiased with rows marginally N(0, I) (§5.3).
    /// Variance theory exists for iid only, so only the mean is checked.
    func urfEstimatorsUnbiased(projection: ProjectionKind) throws {
        let estimators: [any PointwiseEstimator] = [
            try TrigonometricURFEstimator(target: .cos, parameters: KernelParameters(bias: b, urfM: .value(0.25))),
            try TrigonometricURFEstimator(target: .sin, parameters: KernelParameters(bias: b)),
            try SoftmaxURFEstimator(parameters: KernelParameters(urfM: .value(0.25))),
            try ActivationURFEstimator(activation: .gauss, parameters: KernelParameters(bias: b)),
            try ActivationURFEstimator(activation: .cauchy, parameters: KernelParameters(bias: b)),
        ]
        for e in estimators {
            #expect(e.varianceTheory(x: x, y: y, features: 8, projection: projection) == nil)
            try Trials.expectUnbiased(e, x: x, y: y, features: 8, projection: projection, trials: 3000, seed: 101)
        }
    }

    /// EUGen needs only E[g gᵀ] = I per factor and independent factors.
    func eugenUnbiased(projection: ProjectionKind) throws {
        let e = try EUGenEstimator(parameters: KernelParameters(bias: b, coefficients: [0.5, 1, 0.25]))
        // Theory exists for rademacher (checked), not for the structured ones.
        try Trials.expectUnbiased(e, x: x, y: y, features: 8, projection: projection, trials: 3000, seed: 102)
    }

    /// Random Maclaurin with Rademacher rows (KK12), against the Rademacher variance.
    @Test(arguments: [RandomMaclaurinEstimator.Variant.plain, .exactLowOrder])
    func maclaurinRademacher(variant: RandomMaclaurinEstimator.Variant) throws {
        let e = RandomMaclaurinEstimator(series: .exponential, bias: 0, variant: variant, kernelName: "exp")
        try Trials.expectUnbiased(e, x: x, y: y, features: 32, projection: .rademacher, trials: 4000, seed: 103)
        let p = try RandomMaclaurinEstimator(parameters: KernelParameters(bias: b, coefficients: [0.5, 1, 0.25]), variant: variant)
        try Trials.expectUnbiased(p, x: x, y: y, features: 32, projection: .rademacher, trials: 4000, seed: 104)
    }

    @Test(arguments: [1, 2, 3])
    func eugenRademacherVariance(order: Int) throws {
        var a = [Double](repeating: 0, count: order + 1)
        a[order] = 1
        let e = try EUGenEstimator(parameters: KernelParameters(bias: b, coefficients: a))
        try Trials.expectUnbiased(e, x: x, y: y, features: 16, projection: .rademacher, trials: 4000, seed: 105)
    }
}
