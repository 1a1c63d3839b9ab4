import Estimators
import RandomFeatures
import RealModule
import Testing

@Suite struct SoftmaxURFTests {
    let x = OraclePair.x, y = OraclePair.y

    @Test(arguments: [KernelParameters.URFParameter.value(0), .value(0.25), .optimal])
    func unbiasedWithTheoryVariance(urfM: KernelParameters.URFParameter) throws {
        let e = try SoftmaxURFEstimator(parameters: KernelParameters(bias: 0, urfM: urfM))
        try Trials.expectUnbiased(e, x: x, y: y, features: 64, trials: 4000, seed: 31)
    }

    @Test func biasIsCarriedExactly() throws {
        let e = try SoftmaxURFEstimator(parameters: KernelParameters(bias: 0.5, urfM: .value(0.1)))
        #expect(abs(try e.exact(x: x, y: y) - 1.73325301787) < 1e-11)
        try Trials.expectUnbiased(e, x: x, y: y, features: 64, trials: 4000, seed: 32)
    }

    /// Different pairs get different M under `.optimal`, each its closed-form M*.
    @Test func optimalIsPerPair() throws {
        let e = try SoftmaxURFEstimator(parameters: KernelParameters(urfM: .optimal))
        let far = x.map { $0 * 3 }
        #expect(e.parameterM(x: x, y: y) < e.parameterM(x: far, y: far))
        #expect(SoftmaxURFEstimator.optimalM(sumSquaredNorm: 0, dimension: 4) == 0)
    }

    @Test func featuresAreSymmetricAndReproduceEstimates() throws {
        let e = try SoftmaxURFEstimator(parameters: KernelParameters(bias: 0.3, urfM: .value(0.2)))
        let pairs = PairBatch(x: Matrix(rowArrays: [x]), y: Matrix(rowArrays: [y]))
        let s = RandomStream(seed: 8)
        let estimate = try e.estimate(pairs: pairs, features: 16, projection: .iid, stream: s)[0]
        let fx = try e.features(pairs.x, side: .x, features: 16, projection: .iid, stream: s)
        let fxOther = try e.features(pairs.x, side: .y, features: 16, projection: .iid, stream: s)
        let fy = try e.features(pairs.y, side: .y, features: 16, projection: .iid, stream: s)
        #expect(fx == fxOther)
        #expect(fx.storage.allSatisfy { $0 > 0 })    // positive features
        let dot = zip(fx.storage, fy.storage).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(abs(dot - estimate) <= 1e-12 * estimate)
    }

    /// Trap §8.4: Float features with ‖x‖ = 10 and with d = 4096, M = 1: no inf or NaN,
    /// equal to the Double log-space value within Float tolerance.
    @Test func floatPathDoesNotOverflow() throws {
        let e = try SoftmaxURFEstimator(parameters: KernelParameters(urfM: .value(0)))
        let big = [6.0, -8.0, 0, 0]                          // ‖x‖ = 10: e^{−‖x‖²/2} = e^{−50}
        let s = RandomStream(seed: 9)
        let fd = try e.features(Matrix(rowArrays: [big]), side: .x, features: 32, projection: .iid, stream: s)
        let ff = try e.features(Matrix(rowArrays: [big]).converted(to: Float.self), side: .x, features: 32, projection: .iid, stream: s)
        #expect(ff.storage.allSatisfy { $0.isFinite })
        for (a, c) in zip(ff.storage, fd.storage) { #expect(abs(Double(a) - c) <= 1e-5 * c + Double(Float.leastNonzeroMagnitude)) }

        let d = 4096
        let e1 = try SoftmaxURFEstimator(parameters: KernelParameters(urfM: .value(1)))
        var g = RandomStream(seed: 10)
        let v = (0..<d).map { _ in Sampling.normal(using: &g) / Double(d).squareRoot() }
        let f64 = try e1.features(Matrix(rowArrays: [v]), side: .x, features: 8, projection: .iid, stream: s)
        let f32 = try e1.features(Matrix(rowArrays: [v]).converted(to: Float.self), side: .x, features: 8, projection: .iid, stream: s)
        #expect(f64.storage.allSatisfy { $0.isFinite } && f32.storage.allSatisfy { $0.isFinite })
        for (a, c) in zip(f32.storage, f64.storage) { #expect(abs(Double(a) - c) <= 1e-5 * c + Double(Float.leastNonzeroMagnitude)) }
        let estimate = try e1.estimate(pairs: PairBatch(x: Matrix(rowArrays: [v]), y: Matrix(rowArrays: [v])),
                                       features: 8, projection: .iid, stream: s)[0]
        #expect(estimate.isFinite && estimate >= 0)
        // The variance at d = 4096, M = 1 exceeds the Double range: reported as +inf, never NaN.
        let variance = SoftmaxURFEstimator.perRowVariance(x: v, y: v, bias: 0, parameterM: 1)
        #expect(!variance.isNaN)
    }

    @Test func refusesProjectionsWithoutGaussianRows() throws {
        let e = try SoftmaxURFEstimator(parameters: KernelParameters())
        let batch = Matrix(rowArrays: [x])
        for kind in [ProjectionKind.sorf, .rademacher] {
            #expect(throws: EstimatorError.self) {
                try e.estimate(pairs: PairBatch(x: batch, y: batch), features: 4, projection: kind, stream: RandomStream(seed: 0))
            }
        }
    }
}
