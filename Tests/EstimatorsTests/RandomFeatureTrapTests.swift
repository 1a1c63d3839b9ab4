import Estimators
import Foundation
import RandomFeatures
import Testing

/// The traps of ALGORITHMS.md §8 that concern this branch's feature maps, each a test.
@Suite struct RandomFeatureTrapTests {
    /// §8.2: the Laplace (L1) kernel needs Cauchy frequencies. At the oracle pair the
    /// Laplace estimator matches exp(−‖δ‖₁) within 5 SE while the kernel a swap would give
    /// (the Cauchy kernel, 0.736 against 0.350) lies more than 50 SE away; the Cauchy
    /// estimator, which does use Laplace frequencies, lands on that other kernel.
    @Test func laplaceNeedsCauchyFrequencies() throws {
        let x = OraclePair.x, y = OraclePair.y
        let laplace = RandomFourierEstimator(kernel: LaplaceKernel(sigma: 1), map: .trig)
        let swapped = CauchyKernel(sigma: 1).value(x: x, y: y)
        let stats = try Trials.expectUnbiased(laplace, x: x, y: y, features: 64, trials: 2000, seed: 81)
        #expect(abs(stats.mean - swapped) > 50 * stats.standardError)
        let cauchy = RandomFourierEstimator(kernel: CauchyKernel(sigma: 1), map: .trig)
        let other = try Trials.expectUnbiased(cauchy, x: x, y: y, features: 64, trials: 2000, seed: 82)
        #expect(abs(other.mean - LaplaceKernel(sigma: 1).value(x: x, y: y)) > 50 * other.standardError)
    }

    /// §8.1: the factor 2 of the Gaussian bandwidth, for two σ and two d. The pair sits at
    /// ‖δ‖ = σ, where K = e^{−1/2} = 0.607 and the factor-2 error e^{−1} = 0.368 or
    /// e^{−1/4} = 0.779 would be hundreds of SE away; both maps are unbiased and their
    /// variance matches §5.1.
    @Test(arguments: [(0.5, 4), (0.5, 64), (3.0, 4), (3.0, 64)])
    func gaussianBandwidth(sigma: Double, d: Int) throws {
        var g = RandomStream(seed: 83).child(UInt64(d))
        let x = (0..<d).map { _ in Sampling.normal(using: &g) / Double(d).squareRoot() }
        var u = (0..<d).map { _ in Sampling.normal(using: &g) }
        let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        u = u.map { $0 / norm }
        let y = zip(x, u).map { $0 + sigma * $1 }
        let kernel = GaussianKernel(sigma: sigma)
        #expect(abs(kernel.value(x: x, y: y) - exp(-0.5)) < 1e-12)
        for map in RandomFourierEstimator.Map.allCases {
            let e = RandomFourierEstimator(kernel: kernel, map: map)
            let stats = try Trials.expectUnbiased(e, x: x, y: y, features: 32, trials: 2000, seed: 84)
            for wrong in [exp(-1.0), exp(-0.25)] { #expect(abs(stats.mean - wrong) > 20 * stats.standardError) }
        }
    }

    /// §8.4: exp features in Float with ‖x‖ = 10: no inf or NaN, and equal to the Double
    /// features within Float tolerance (relative to the row's largest feature).
    @Test(arguments: ["positive", "trig", "hyperbolic", "urf"])
    func expFeaturesInFloatDoNotOverflow(estimator: String) throws {
        let e = try EstimatorCatalog.entry(kernel: "exp", estimator: estimator).make(KernelParameters()) as! any FeatureMapEstimator
        let big = Matrix<Double>(rowArrays: [[6.0, -8.0, 0, 0], [0, 0, 10, 0]])
        let s = RandomStream(seed: 85)
        let map = try e.featureMap(inputDimension: 4, features: 64, projection: .iid, stream: s)
        let fd = try map.transform(big, side: .x)
        let ff = try map.transform(big.converted(to: Float.self), side: .x)
        #expect(ff.storage.allSatisfy { $0.isFinite } && fd.storage.allSatisfy { $0.isFinite })
        for p in 0..<fd.rows {
            let scale = fd.row(p).map(abs).max()!
            #expect(scale > 0)
            for j in 0..<fd.columns {
                #expect(abs(Double(ff[p, j]) - fd[p, j]) <= 1e-4 * scale, "\(estimator) row \(p) column \(j)")
            }
        }
    }

    /// §8.3: both Gaussian maps exist, are labelled, and have their own §5.1 variances:
    /// per row, offset minus pair is exactly 1/2.
    @Test func offsetAndPairAreDistinct() throws {
        let trig = try EstimatorCatalog.entry(kernel: "gaussian", estimator: nil).make(KernelParameters())
        let offset = try EstimatorCatalog.entry(kernel: "gaussian", estimator: "offset").make(KernelParameters())
        #expect(trig.estimatorName == "trig" && offset.estimatorName == "offset")
        let x = OraclePair.x, y = OraclePair.y
        let vt = trig.varianceTheory(x: x, y: y, features: 1, projection: .iid)!
        let vo = offset.varianceTheory(x: x, y: y, features: 1, projection: .iid)!
        #expect(abs(vo - vt - 0.5) < 1e-15)
        // Negative control: the variance check tells the two maps apart (each matches its own
        // theory and rejects the other's).
        let sOffset = try Trials.run(offset, x: x, y: y, features: 16, trials: 3000, seed: 86)
        let sTrig = try Trials.run(trig, x: x, y: y, features: 16, trials: 3000, seed: 87)
        #expect(sOffset.varianceMatches(vo / 16) && !sOffset.varianceMatches(vt / 16))
        #expect(sTrig.varianceMatches(vt / 16) && !sTrig.varianceMatches(vo / 16))
    }
}
