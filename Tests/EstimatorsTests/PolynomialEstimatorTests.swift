import Estimators
import RandomFeatures
import Testing

@Suite struct PolynomialEstimatorTests {
    let x = OraclePair.x, y = OraclePair.y, b = OraclePair.bias

    @Test func exactPolynomialAtTheOraclePair() throws {
        let e = try EUGenEstimator(parameters: KernelParameters(bias: b, coefficients: [0.5, 1, 0.25]))
        #expect(abs(try e.exact(x: x, y: y) - 1.125625) < 1e-15)
        let cube = try TensorSketchEstimator(parameters: KernelParameters(bias: 0, coefficients: KernelParameters.binomialCoefficients(degree: 3, offset: 1)))
        #expect(abs(try cube.exact(x: x, y: y) - 1.157625) < 1e-14)
    }

    @Test(arguments: [1, 2, 3])
    func eugenSingleOrderUnbiasedWithTheoryVariance(order: Int) throws {
        var a = [Double](repeating: 0, count: order + 1)
        a[order] = 1
        let e = try EUGenEstimator(parameters: KernelParameters(bias: b, coefficients: a))
        try Trials.expectUnbiased(e, x: x, y: y, features: 16, trials: 4000, seed: 51 + UInt64(order))
    }

    @Test func eugenActivationPolynomial() throws {
        // f = 0.5 + z + 0.25z², z = x·w + b (§9: 1.125625).
        let e = try EUGenEstimator(parameters: KernelParameters(bias: b, coefficients: [0.5, 1, 0.25]))
        try Trials.expectUnbiased(e, x: x, y: y, features: 16, trials: 4000, seed: 55)
    }

    @Test(arguments: [RandomMaclaurinEstimator.Variant.plain, .exactLowOrder])
    func maclaurinExponentialGaussianRows(variant: RandomMaclaurinEstimator.Variant) throws {
        let e = RandomMaclaurinEstimator(series: .exponential, bias: 0, variant: variant, kernelName: "exp")
        try Trials.expectUnbiased(e, x: x, y: y, features: 32, projection: .iid, trials: 4000, seed: 61)
    }

    @Test func maclaurinPolynomialWithBias() throws {
        let e = try RandomMaclaurinEstimator(parameters: KernelParameters(bias: b, coefficients: [0.5, 1, 0.25]))
        try Trials.expectUnbiased(e, x: x, y: y, features: 32, projection: .iid, trials: 4000, seed: 62)
        // Signed coefficients: the sign goes on the y side.
        let signed = try RandomMaclaurinEstimator(parameters: KernelParameters(bias: b, coefficients: [0.5, -1, 0.25]))
        try Trials.expectUnbiased(signed, x: x, y: y, features: 32, projection: .iid, trials: 4000, seed: 63)
    }

    @Test(arguments: [1, 15, 16])
    func countSketchUnbiasedWithTheoryVariance(width: Int) throws {
        let e = try TensorSketchEstimator(parameters: KernelParameters(bias: 0, coefficients: [0, 1]))
        try Trials.expectUnbiased(e, x: x, y: y, features: width, trials: 4000, seed: 70 + UInt64(width))
    }

    /// Trap §8.21 by simulation: the even/odd-D variances differ and each matches its formula.
    @Test(arguments: [15, 16])
    func tensorSketchUnbiasedWithTheoryVariance(width: Int) throws {
        let e = try TensorSketchEstimator(parameters: KernelParameters(bias: 1, coefficients: [0, 0, 1]))
        try Trials.expectUnbiased(e, x: x, y: y, features: width, trials: 6000, seed: 80 + UInt64(width))
    }

    @Test func tensorSketchEvenOddTermShowsAtSmallD() throws {
        // At D = 2 the c_D term is large (0.43207 with c_D = 2 vs 0.47006 with c_D = 1, §5.9):
        // the simulation must pick the even formula.
        let e = try TensorSketchEstimator(parameters: KernelParameters(bias: 1, coefficients: [0, 0, 1]))
        let xs = [0.5, -0.3, 0.8], ys = [0.4, 0.9, -0.2]
        let stats = try Trials.run(e, x: xs, y: ys, features: 2, trials: 20000, seed: 90)
        let even = e.varianceTheory(x: xs, y: ys, features: 2, projection: .iid)!
        // The same formula with c_D = 1 (what an odd D would give).
        let xt = xs + [1], yt = ys + [1]
        let odd = oddTerm(xt, yt)
        #expect(abs(odd - even) > 0.05 * even)
        #expect(stats.varianceMatches(even), "variance \(stats.variance) vs even theory \(even) ± \(stats.varianceStandardError)")
        #expect(!stats.varianceMatches(odd), "variance \(stats.variance) must differ from the odd formula \(odd)")
    }

    /// Order-2, D = 2 variance with c_D = 1 instead of 2.
    private func oddTerm(_ x: [Double], _ y: [Double]) -> Double {
        let z = zip(x, y).reduce(0.0) { $0 + $1.0 * $1.1 }
        let cross = zip(x, y).reduce(0.0) { $0 + $1.0 * $1.0 * $1.1 * $1.1 }
        let nx = x.reduce(0.0) { $0 + $1 * $1 }, ny = y.reduce(0.0) { $0 + $1 * $1 }
        let a = z * z, bb = nx * ny - cross, g = a - cross
        func p2(_ v: Double) -> Double { v * v }
        return (p2(a + bb) + p2(a + g) - 2 * p2(a)) / 2 + 1.0 / 4 * (p2(a + bb + g) - p2(a + bb) - p2(a + g) + p2(a))
    }

    @Test func tensorSketchFloatMatchesDouble() throws {
        let e = try TensorSketchEstimator(parameters: KernelParameters(bias: 0.5, coefficients: [1, 2, 1, 0.5]))
        let batch = Matrix(rowArrays: [x, y])
        let s = RandomStream(seed: 3)
        let fd = try e.features(batch, side: .x, features: 16, projection: .iid, stream: s)
        let ff = try e.features(batch.converted(to: Float.self), side: .x, features: 16, projection: .iid, stream: s)
        #expect(fd.columns == 1 + 3 * 16)
        for (a, c) in zip(ff.storage, fd.storage) { #expect(abs(Double(a) - c) <= 1e-5 * max(1, abs(c))) }
    }

    @Test func refusals() throws {
        let batch = Matrix(rowArrays: [x])
        let pairs = PairBatch(x: batch, y: batch)
        let ts = try TensorSketchEstimator(parameters: KernelParameters())
        do {
            _ = try ts.estimate(pairs: pairs, features: 8, projection: .orthogonal, stream: RandomStream(seed: 0))
            Issue.record("tensorsketch must refuse orthogonal")
        } catch let error as EstimatorError {
            #expect(error.description.contains("valid projections: iid"))
        }
        let mac = try RandomMaclaurinEstimator(parameters: KernelParameters())
        #expect(throws: EstimatorError.self) { try mac.estimate(pairs: pairs, features: 8, projection: .orthogonal, stream: RandomStream(seed: 0)) }
        #expect(throws: EstimatorError.self) { try EUGenEstimator(parameters: KernelParameters(coefficients: [])) }
        #expect(throws: EstimatorError.self) { try EUGenEstimator(parameters: KernelParameters(coefficients: [1, .nan])) }
        #expect(throws: EstimatorError.self) { try EUGenEstimator(parameters: KernelParameters()).estimate(pairs: pairs, features: 0, projection: .iid, stream: RandomStream(seed: 0)) }
    }
}
