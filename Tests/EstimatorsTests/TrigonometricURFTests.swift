import Estimators
import RandomFeatures
import RealModule
import Testing

@Suite struct TrigonometricURFTests {
    let x = OraclePair.x, y = OraclePair.y, b = OraclePair.bias

    @Test(arguments: [TrigonometricURFEstimator.Target.cos, .sin], [0.0, 0.5])
    func unbiasedWithTheoryVariance(target: TrigonometricURFEstimator.Target, parameterM: Double) throws {
        let e = try TrigonometricURFEstimator(target: target, parameters: KernelParameters(bias: b, urfM: .value(parameterM)))
        try Trials.expectUnbiased(e, x: x, y: y, features: 32, trials: 4000, seed: 11)
    }

    @Test(arguments: [TrigonometricURFEstimator.Target.cos, .sin])
    func optimalMIsANumericalMinimum(target: TrigonometricURFEstimator.Target) throws {
        // d = 1 with ‖w‖² large relative to d: M > 0 helps here (§5.6), so M* is interior.
        let xs = [0.3], ws = [2.5]
        let e = try TrigonometricURFEstimator(target: target, parameters: KernelParameters(bias: 0.2, urfM: .optimal))
        let mStar = e.parameterM(x: xs, y: ws)
        #expect(mStar > 0)
        let v = { (m: Double) in TrigonometricURFEstimator.perRowVariance(target: target, x: xs, w: ws, bias: 0.2, parameterM: m) }
        for m in stride(from: 0.0, through: 4.0, by: 0.01) { #expect(v(mStar) <= v(m) * (1 + 1e-12)) }
        #expect(v(mStar) <= v(mStar * (1 + 1e-4)) && v(mStar) <= v(mStar * (1 - 1e-4)))
        // And the estimator is unbiased at M* with the theory variance.
        try Trials.expectUnbiased(e, x: xs, y: ws, features: 16, trials: 4000, seed: 12)
    }

    @Test(arguments: [TrigonometricURFEstimator.Target.cos, .sin])
    func optimalMAtTheOraclePair(target: TrigonometricURFEstimator.Target) throws {
        let e = try TrigonometricURFEstimator(target: target, parameters: KernelParameters(bias: b, urfM: .optimal))
        let mStar = e.parameterM(x: x, y: y)
        let v = { (m: Double) in TrigonometricURFEstimator.perRowVariance(target: target, x: x, w: y, bias: b, parameterM: m) }
        // A minimum over a fine grid of M ≥ 0 (including M = 0), and locally.
        for m in stride(from: 0.0, through: 1.0, by: 1e-4) { #expect(v(mStar) <= v(m) * (1 + 1e-12)) }
        #expect(v(mStar) <= v(mStar + 1e-6) && v(mStar) <= v(max(0, mStar - 1e-6)))
    }

    /// Trap §8.10: both towers must share G. Features of x drawn with one seed and of w
    /// with another estimate E[x side]·E[w side] = cos(b), not cos(x·w + b).
    @Test func towersMustShareG() throws {
        let xs = [0.5, 0.5, 0.5, 0.5], ws = [0.5, 0.5, 0.5, 0.5], bias = 0.5   // cos(1.5) = 0.0707
        let e = try TrigonometricURFEstimator(target: .cos, parameters: KernelParameters(bias: bias))
        let exact = try e.exact(x: xs, y: ws)
        let root = RandomStream(seed: 21)
        var shared = [Double](), separate = [Double]()
        for t in 0..<3000 {
            let s = root.child(UInt64(t))
            let fx = try e.features(Matrix(rowArrays: [xs]), side: .x, features: 16, projection: .iid, stream: s)
            let fw = try e.features(Matrix(rowArrays: [ws]), side: .y, features: 16, projection: .iid, stream: s)
            let fwOther = try e.features(Matrix(rowArrays: [ws]), side: .y, features: 16, projection: .iid, stream: s.child(99))
            shared.append(zip(fx.storage, fw.storage).reduce(0) { $0 + $1.0 * $1.1 })
            separate.append(zip(fx.storage, fwOther.storage).reduce(0) { $0 + $1.0 * $1.1 })
        }
        let good = TrialStatistics(shared), bad = TrialStatistics(separate)
        #expect(good.isUnbiased(for: exact), "shared G: \(good.mean) vs \(exact) ± \(good.standardError)")
        #expect(!bad.isUnbiased(for: exact), "separate G: \(bad.mean) vs \(exact) ± \(bad.standardError)")
        #expect(bad.isUnbiased(for: Double.cos(bias)), "separate G estimates cos(b): \(bad.mean)")
    }

    /// The features' inner products are the point-wise estimates (same stream).
    @Test(arguments: [TrigonometricURFEstimator.Target.cos, .sin])
    func featuresReproduceEstimates(target: TrigonometricURFEstimator.Target) throws {
        let e = try TrigonometricURFEstimator(target: target, parameters: KernelParameters(bias: b, urfM: .value(0.3)))
        let pairs = PairBatch(x: Matrix(rowArrays: [x, y]), y: Matrix(rowArrays: [y, x]))
        let s = RandomStream(seed: 5)
        let estimates = try e.estimate(pairs: pairs, features: 8, projection: .iid, stream: s)
        let fx = try e.features(pairs.x, side: .x, features: 8, projection: .iid, stream: s)
        let fy = try e.features(pairs.y, side: .y, features: 8, projection: .iid, stream: s)
        #expect(fx.columns == 16)
        for p in 0..<2 {
            let dot = (0..<16).reduce(0.0) { $0 + fx[p, $1] * fy[p, $1] }
            #expect(abs(dot - estimates[p]) <= 1e-12 * max(1, abs(estimates[p])))
        }
        // Float features agree with Double to Float accuracy.
        let fxf = try e.features(pairs.x.converted(to: Float.self), side: .x, features: 8, projection: .iid, stream: s)
        for (a, c) in zip(fxf.storage, fx.storage) { #expect(abs(Double(a) - c) <= 1e-5 * max(1, abs(c))) }
    }

    /// Trap §8.4: (1+4M)^{d/4} = 5^1024 overflows Double at d = 4096, M = 1; the map keeps
    /// it as 1024·log 5 in the exponent, so no inf or NaN appears, Float equals the Double
    /// log-space value, and the log-space variance is finite.
    @Test func noOverflowAtDimension4096() throws {
        let d = 4096
        #expect(Double.pow(5, Double(d) / 4).isInfinite)    // the naive constant
        var g = RandomStream(seed: 3)
        let xs = (0..<d).map { _ in Sampling.normal(using: &g) / Double(d).squareRoot() }
        let ws = (0..<d).map { _ in Sampling.normal(using: &g) / Double(d).squareRoot() }
        for target in TrigonometricURFEstimator.Target.allCases {
            let e = try TrigonometricURFEstimator(target: target, parameters: KernelParameters(bias: 0.1, urfM: .value(1)))
            let s = RandomStream(seed: 4)
            let estimate = try e.estimate(pairs: PairBatch(x: Matrix(rowArrays: [xs]), y: Matrix(rowArrays: [ws])),
                                          features: 8, projection: .iid, stream: s)[0]
            #expect(estimate.isFinite)
            for side in FeatureSide.allCases {
                let v = side == .x ? xs : ws
                let fd = try e.features(Matrix(rowArrays: [v]), side: side, features: 8, projection: .iid, stream: s)
                let ff = try e.features(Matrix(rowArrays: [v]).converted(to: Float.self), side: side, features: 8, projection: .iid, stream: s)
                #expect(fd.storage.allSatisfy { $0.isFinite } && ff.storage.allSatisfy { $0.isFinite })
                for (a, c) in zip(ff.storage, fd.storage) { #expect(abs(Double(a) - c) <= 1e-5 * abs(c) + Double(Float.leastNormalMagnitude)) }
            }
            let logV = TrigonometricURFEstimator.logPerRowVariance(target: target, x: xs, w: ws, bias: 0.1, parameterM: 1)
            // log C_M = d·log 5 − (d/2)·log 9 ≈ 2092: finite in log space, beyond Double when exponentiated.
            #expect(logV.isFinite && abs(logV - (Double(d) * Double.log(5) - Double(d) / 2 * Double.log(9))) < 5)
        }
    }

    @Test func refusals() throws {
        let e = try TrigonometricURFEstimator(target: .cos, parameters: KernelParameters(urfM: .optimal))
        let batch = Matrix(rowArrays: [x])
        #expect(throws: EstimatorError.self) { try e.features(batch, side: .x, features: 4, projection: .iid, stream: RandomStream(seed: 0)) }
        do {
            _ = try e.estimate(pairs: PairBatch(x: batch, y: batch), features: 4, projection: .sorf, stream: RandomStream(seed: 0))
            Issue.record("sorf must be refused")
        } catch let error as EstimatorError {
            #expect(error.description.contains("valid projections: iid, orthogonal, fastfood, circulant"))
        }
        #expect(throws: EstimatorError.self) { try TrigonometricURFEstimator(target: .sin, parameters: KernelParameters(urfM: .value(-1))) }
    }
}
