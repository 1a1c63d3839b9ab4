import Estimators
import RandomFeatures
import Testing

@Suite struct ActivationURFTests {
    let x = OraclePair.x, y = OraclePair.y, b = OraclePair.bias

    @Test func exactValuesAtTheOraclePair() throws {
        let gauss = try ActivationURFEstimator(activation: .gauss, parameters: KernelParameters(bias: b))
        let cauchy = try ActivationURFEstimator(activation: .cauchy, parameters: KernelParameters(bias: b))
        #expect(abs(try gauss.exact(x: x, y: y) - 0.859632763603) < 1e-12)
        #expect(abs(try cauchy.exact(x: x, y: y) - 0.767754318618) < 1e-12)
    }

    @Test func gaussActivationUnbiasedWithTheoryVariance() throws {
        let e = try ActivationURFEstimator(activation: .gauss, parameters: KernelParameters(bias: b))
        try Trials.expectUnbiased(e, x: x, y: y, features: 32, trials: 4000, seed: 41)
    }

    /// At the oracle pair ‖x+w‖² = 0.5275: the variance is finite (so the mean test
    /// holds) but the fourth moment is not, so the variance test uses a pair with
    /// ‖x+w‖² < 1/4 (where it is; `ActivationURFFourthMomentTests`).
    @Test func cauchyActivationUnbiased() throws {
        let e = try ActivationURFEstimator(activation: .cauchy, parameters: KernelParameters(bias: b))
        try Trials.expectUnbiased(e, x: x, y: y, features: 32, trials: 4000, seed: 42, checkVariance: false)
        let xs = x.map { $0 * 0.5 }, ys = y.map { $0 * 0.5 }   // ‖x+w‖² = 0.132
        try Trials.expectUnbiased(e, x: xs, y: ys, features: 32, trials: 4000, seed: 43)
    }

    /// §7.1 check 2: the variance check skips pairs whose fourth moment is infinite
    /// (cauchy-activation with ‖x+w‖² ≥ 1/4): the ratio is reported, its SE is not.
    @Test func varianceCheckSkipsInfiniteFourthMoment() throws {
        let cauchy = try ActivationURFEstimator(activation: .cauchy, parameters: KernelParameters(bias: b))
        let gauss = try ActivationURFEstimator(activation: .gauss, parameters: KernelParameters(bias: b))
        #expect(!cauchy.hasFiniteFourthMoment(x: x, y: y))                          // ‖x+w‖² = 0.5275
        #expect(!cauchy.hasFiniteFourthMoment(x: x.map { $0 * 0.9 }, y: y.map { $0 * 0.9 }))  // 0.427 ≥ 1/4
        #expect(cauchy.hasFiniteFourthMoment(x: x.map { $0 * 0.6 }, y: y.map { $0 * 0.6 }))   // 0.190
        #expect(gauss.hasFiniteFourthMoment(x: x, y: y))
        let estimates = [0.7, 0.8, 0.75, 0.9]
        let skipped = CellStatistics(estimates: estimates, exact: 0.77, varianceTheory: 0.01, fourthMomentFinite: false)
        let kept = CellStatistics(estimates: estimates, exact: 0.77, varianceTheory: 0.01)
        #expect(skipped.varianceRatio == kept.varianceRatio && skipped.varianceRatio != nil)
        #expect(skipped.varianceRatioSE == nil && kept.varianceRatioSE != nil)
    }

    /// Trap §8.11: inputs with ‖x+w‖² ≥ 1 have infinite variance and are refused, saying why.
    @Test func cauchyActivationRefusesInfiniteVariance() throws {
        let e = try ActivationURFEstimator(activation: .cauchy, parameters: KernelParameters())
        let xs = [0.6, 0.0], ws = [0.5, 0.0]                   // ‖x+w‖² = 1.21
        do {
            try e.validate(x: xs, y: ws)
            Issue.record("‖x+w‖² ≥ 1 must be refused")
        } catch let error as EstimatorError {
            #expect(error.description.contains("infinite variance"))
            #expect(error.description.contains("1.21"))
        }
        #expect(throws: EstimatorError.self) {
            try e.estimate(pairs: PairBatch(x: Matrix(rowArrays: [xs]), y: Matrix(rowArrays: [ws])),
                           features: 4, projection: .iid, stream: RandomStream(seed: 0))
        }
        #expect(ActivationURFEstimator.secondMoment(activation: .cauchy, x: xs, w: ws) == .infinity)
        // gauss-activation has no such limit: the balanced split's E|Z|² is finite everywhere.
        #expect(ActivationURFEstimator.secondMoment(activation: .gauss, x: xs, w: ws).isFinite)
        try ActivationURFEstimator(activation: .gauss, parameters: KernelParameters()).validate(x: xs, y: ws)
    }

    @Test(arguments: ActivationURFEstimator.Activation.allCases)
    func featuresReproduceEstimates(activation: ActivationURFEstimator.Activation) throws {
        let e = try ActivationURFEstimator(activation: activation, parameters: KernelParameters(bias: b))
        let pairs = PairBatch(x: Matrix(rowArrays: [x]), y: Matrix(rowArrays: [y]))
        let s = RandomStream(seed: 6)
        let estimate = try e.estimate(pairs: pairs, features: 8, projection: .iid, stream: s)[0]
        let fx = try e.features(pairs.x, side: .x, features: 8, projection: .iid, stream: s)
        let fy = try e.features(pairs.y, side: .y, features: 8, projection: .iid, stream: s)
        let dot = zip(fx.storage, fy.storage).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(abs(dot - estimate) <= 1e-12)
        let ff = try e.features(pairs.x.converted(to: Float.self), side: .x, features: 8, projection: .iid, stream: s)
        for (a, c) in zip(ff.storage, fx.storage) { #expect(abs(Double(a) - c) <= 1e-5 * max(1, abs(c))) }
    }

    @Test func onlyMZero() {
        #expect(throws: EstimatorError.self) {
            try ActivationURFEstimator(activation: .gauss, parameters: KernelParameters(urfM: .value(0.5)))
        }
        #expect(throws: EstimatorError.self) {
            try ActivationURFEstimator(activation: .cauchy, parameters: KernelParameters(urfM: .optimal))
        }
    }
}
