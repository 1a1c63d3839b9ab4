@testable import Estimators
import RandomFeatures
import RealModule
import Testing

/// The fourth central moment of the exp kernel's estimators with iid rows
/// (`SoftmaxURFEstimator+FourthMoment.swift`: positive/urf at any M;
/// `SoftmaxRandomFeatureEstimator+FourthMoment.swift`: trig, hyperbolic): the variance
/// the derivation implies against the existing theory, oracles for the closed forms,
/// Monte Carlo checks of μ₂ and μ₄, and +infinity (never NaN) past the Double range.
@Suite struct SoftmaxFourthMomentTests {
    typealias Map = SoftmaxRandomFeatureEstimator.Map

    /// Pairs from well inside the unit ball to ‖x‖ = ‖y‖ = 1 at d = 16 (the protocol's
    /// heaviest exp pairs), including x = y. Not near y = −x: there the existing variance
    /// formulas form ‖x+y‖² as ‖x‖² + ‖y‖² + 2x·y, which cancels (relative error ε·n/S),
    /// while the fourth-moment code sums (x + y)² directly.
    static let pairs: [(x: [Double], y: [Double])] = {
        var g = RandomStream(seed: 77)
        func unit(_ d: Int) -> [Double] {
            let v = (0..<d).map { _ in Sampling.normal(using: &g) }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return v.map { $0 / norm }
        }
        let a = unit(16), c = unit(16)
        return [
            (OraclePair.x, OraclePair.y),
            (OraclePair.x.map { $0 * 3 }, OraclePair.y.map { $0 * 3 }),
            (a, c), (a, a), (a.map { $0 * 0.5 }, c.map { $0 * 0.5 }),
        ]
    }()

    // MARK: - μ₂ of the derivation against the existing variance theory

    @Test(arguments: [KernelParameters.URFParameter.value(0), .value(0.25), .value(1), .optimal])
    func positiveVarianceMatchesTheory(urfM: KernelParameters.URFParameter) throws {
        let e = try SoftmaxURFEstimator(parameters: KernelParameters(bias: 0.3, urfM: urfM))
        for (x, y) in Self.pairs {
            let mm = e.parameterM(x: x, y: y)
            let mine = Double.exp(SoftmaxURFEstimator.perRowLogCentralMoments(x: x, y: y, bias: 0.3, parameterM: mm).logVariance)
            let theory = SoftmaxURFEstimator.perRowVariance(x: x, y: y, bias: 0.3, parameterM: mm)
            #expect(abs(mine - theory) <= 1e-12 * theory, "M = \(mm): \(mine) vs \(theory)")
        }
    }

    @Test(arguments: Map.allCases)
    func trigAndHyperbolicVarianceMatchesTheory(map: Map) throws {
        let e = try SoftmaxRandomFeatureEstimator(map: map, parameters: KernelParameters(bias: -0.4))
        for (x, y) in Self.pairs {
            let mine = Double.exp(e.perRowLogCentralMoments(x: x, y: y).logVariance)
            let theory = e.perRowVariance(x: x, y: y)
            #expect(abs(mine - theory) <= 1e-12 * theory, "\(map): \(mine) vs \(theory)")
        }
    }

    // MARK: - Oracles for the closed forms

    /// E cos(aG)ᵏ = 2⁻ᵏ Σⱼ C(k, j) e^{−(2j − k)²τ/2} (step 1; τ = a², negative for cosh).
    static func cosineRawMoments(tau: Double, order: Int) -> [Double] {
        (1...order).map { k in
            var sum = 0.0, binomial = 1.0
            for j in 0...k {
                let e = Double(2 * j - k)
                sum += binomial * Double.exp(-e * e * tau / 2)
                binomial = binomial * Double(k - j) / Double(j + 1)
            }
            return sum / Double.pow(2, k)
        }
    }

    /// (1 − q)⁴P(q)/8 and (1 − q)²/2 against central moments of the binomial sums, at τ
    /// where those sums do not cancel badly.
    @Test(arguments: [0.3, 1.0, 2.5, 8.0, -0.3, -1.0, -2.5])
    func cosineMomentsMatchTheBinomialSums(tau: Double) {
        let mu = ActivationURFFourthMomentTests.central(Self.cosineRawMoments(tau: tau, order: 4))
        let closed = SoftmaxRandomFeatureEstimator.logCosineCentralMoments(tau: tau)
        #expect(abs(Double.exp(closed.logVariance) - mu[2]) <= 1e-13 * mu[2])
        #expect(abs(Double.exp(closed.logFourth) - mu[4]) <= 1e-10 * mu[4], "τ = \(tau): \(Double.exp(closed.logFourth)) vs \(mu[4])")
    }

    /// The kurtosis of cos(aG) is P(q)/2: 15 as τ → 0 (the kurtosis of G² − 1), whichever the
    /// sign, and 3/2 as τ → ∞ (the arcsine law). The factored form keeps it at τ = ±1e-6,
    /// where the binomial sums cancel away every digit.
    @Test func cosineKurtosisLimits() {
        for tau in [1e-6, -1e-6] {
            let m = SoftmaxRandomFeatureEstimator.logCosineCentralMoments(tau: tau)
            #expect(abs(Double.exp(m.logFourth - 2 * m.logVariance) - 15) <= 1e-4)
        }
        let far = SoftmaxRandomFeatureEstimator.logCosineCentralMoments(tau: 50)
        #expect(abs(Double.exp(far.logFourth - 2 * far.logVariance) - 1.5) <= 1e-12)
        #expect(SoftmaxRandomFeatureEstimator.logCosineCentralMoments(tau: 0).logFourth == -.infinity)
    }

    /// At M = 0 the term is lognormal, and D = μ₄/μ⁴ = e^{6S} − 4e^{3S} + 6e^S − 3 factors as
    /// (p − 1)²(p⁴ + 2p³ + 3p² − 3), p = e^S, with no cancellation. The general route (step 4)
    /// agrees within its error bound, ≈ 8ε/S relative.
    @Test(arguments: [1e-6, 1e-3, 0.1, 1, 4, 30])
    func positiveLognormalCase(s: Double) {
        let x = [s.squareRoot() / 2, 0], y = [s.squareRoot() / 2, 0]               // ‖x+y‖² = S, x·y = S/4
        let logMu4 = SoftmaxURFEstimator.perRowLogCentralMoments(x: x, y: y, bias: 0, parameterM: 0).logFourth
        let p = Double.exp(s), gap = Double.expMinusOne(s)
        let factored = 4 * (s / 4) + 2 * Double.log(gap) + Double.log(p * p * p * p + 2 * p * p * p + 3 * p * p - 3)
        #expect(abs(Double.exp(logMu4 - factored) - 1) <= 20 * Double.ulpOfOne / s + 1e-13, "S = \(s)")
    }

    // MARK: - Monte Carlo

    /// Sample central moments μ̂₂, μ̂₄ of N per-row terms against the theory, within 5 MC
    /// standard errors computed from the theory's central moments up to order 8 (delta
    /// method, Kendall & Stuart §10.5): Var μ̂₄ ≈ (μ₈ − μ₄² − 8μ₃μ₅ + 16μ₂μ₃²)/N,
    /// Var μ̂₂ ≈ (μ₄ − μ₂²)/N. The pairs keep ‖x+y‖² (or ‖x−y‖² for trig) modest, so that
    /// μ₈ is small enough for a relative SE of μ̂₄ of 0.2% to 1.2% at N = 4·2²⁰.
    static func expectMatchesMonteCarlo(samples: [Double], rawMoments raw: [Double], fourth: Double, variance: Double,
                                        sourceLocation: SourceLocation = #_sourceLocation) {
        let n = Double(samples.count)
        let mean = samples.reduce(0, +) / n
        var s2 = 0.0, s4 = 0.0
        for v in samples {
            let c = (v - mean) * (v - mean)
            s2 += c
            s4 += c * c
        }
        s2 /= n
        s4 /= n
        let mu = ActivationURFFourthMomentTests.central(raw)
        #expect(abs(fourth - mu[4]) <= 1e-10 * mu[4], "closed form \(fourth) vs raw-moment route \(mu[4])", sourceLocation: sourceLocation)
        #expect(abs(variance - mu[2]) <= 1e-10 * mu[2], sourceLocation: sourceLocation)
        let se4 = ((mu[8] - mu[4] * mu[4] - 8 * mu[3] * mu[5] + 16 * mu[2] * mu[3] * mu[3]) / n).squareRoot()
        let se2 = ((mu[4] - mu[2] * mu[2]) / n).squareRoot()
        #expect(abs(s4 - fourth) <= 5 * se4, "μ̂₄ \(s4) vs theory \(fourth), SE \(se4)", sourceLocation: sourceLocation)
        #expect(abs(s2 - variance) <= 5 * se2, "μ̂₂ \(s2) vs theory \(variance), SE \(se2)", sourceLocation: sourceLocation)
    }

    /// Per-row terms m·Σ over a row's output columns of φ(x)·φ(y), from 4 maps of 2²⁰ rows each.
    static func perRowTerms(_ map: (RandomStream) throws -> any FittedFeatureMap, x: [Double], y: [Double],
                            columnsPerRow: Int) throws -> [Double] {
        let m = 1 << 20
        var samples: [Double] = []
        samples.reserveCapacity(4 * m)
        for chunk in 0..<4 {
            let fitted = try map(RandomStream(seed: 4096).child(UInt64(chunk)))
            let fx = try fitted.transform(Matrix(rowArrays: [x]), side: .x), fy = try fitted.transform(Matrix(rowArrays: [y]), side: .y)
            for j in 0..<m {
                var term = 0.0
                for c in 0..<columnsPerRow { term += fx.storage[c * m + j] * fy.storage[c * m + j] }
                samples.append(Double(m) * term)
            }
        }
        return samples
    }

    /// positive (M = 0, S = 0.195, b = 0.4) and urf (M = 0.5, same pair, b = 0), d = 3.
    @Test(arguments: [(0.0, 0.4), (0.5, 0.0)])
    func positiveMatchesMonteCarlo(mm: Double, bias b: Double) throws {
        let x = [0.3, 0.1, -0.2], y = [0.05, 0.15, 0.1]
        let e = try SoftmaxURFEstimator(parameters: KernelParameters(bias: b, urfM: .value(mm)), name: mm == 0 ? "positive" : "urf")
        let samples = try Self.perRowTerms({ try e.featureMap(inputDimension: 3, features: 1 << 20, projection: .iid, stream: $0) },
                                           x: x, y: y, columnsPerRow: 1)
        let s = zip(x, y).reduce(0.0) { $0 + ($1.0 + $1.1) * ($1.0 + $1.1) }
        let logMean = FeatureRowMath.dot(x, y) + b
        let raw = (1...8).map { k in
            Double.exp(Double(k) * logMean + SoftmaxURFEstimator.logNormalisedRawMoment(order: Double(k), sumSquaredNorm: s, dimension: 3, parameterM: mm))
        }
        Self.expectMatchesMonteCarlo(samples: samples, rawMoments: raw,
                                     fourth: SoftmaxURFEstimator.perRowFourthCentralMoment(x: x, y: y, bias: b, parameterM: mm),
                                     variance: SoftmaxURFEstimator.perRowVariance(x: x, y: y, bias: b, parameterM: mm))
        // The estimate with m features: (μ₄ + 3(m − 1)μ₂²)/m³ (`IIDMoments`, checked by enumeration).
        let fourth = SoftmaxURFEstimator.perRowFourthCentralMoment(x: x, y: y, bias: b, parameterM: mm)
        let variance = SoftmaxURFEstimator.perRowVariance(x: x, y: y, bias: b, parameterM: mm)
        let theory = try #require(e.fourthCentralMomentTheory(x: x, y: y, features: 8, projection: .iid))
        #expect(abs(theory - (fourth + 21 * variance * variance) / 512) <= 1e-12 * theory)
        #expect(e.fourthCentralMomentTheory(x: x, y: y, features: 8, projection: .orthogonal) == nil)
    }

    /// trig at ‖x − y‖² = 1 (b = 0.3) and hyperbolic at ‖x + y‖² = 0.065 (b = −0.2), d = 3.
    @Test(arguments: Map.allCases)
    func trigAndHyperbolicMatchMonteCarlo(map: Map) throws {
        let (x, y, b): ([Double], [Double], Double) = map == .trig
            ? ([0.5, 0.2, -0.1], [-0.1, -0.6, -0.1], 0.3)
            : ([0.2, -0.1, 0.15], [0.05, 0.1, -0.1], -0.2)
        let e = try SoftmaxRandomFeatureEstimator(map: map, parameters: KernelParameters(bias: b))
        let samples = try Self.perRowTerms({ try e.featureMap(inputDimension: 3, features: 1 << 20, projection: .iid, stream: $0) },
                                           x: x, y: y, columnsPerRow: 2)
        let n = FeatureRowMath.squaredNorm(x) + FeatureRowMath.squaredNorm(y), xy = FeatureRowMath.dot(x, y)
        let (tau, logScale) = map == .trig ? (n - 2 * xy, n / 2 + b) : (-(n + 2 * xy), b - n / 2)
        let raw = Self.cosineRawMoments(tau: tau, order: 8).enumerated().map { k, r in Double.exp(Double(k + 1) * logScale) * r }
        Self.expectMatchesMonteCarlo(samples: samples, rawMoments: raw, fourth: e.perRowFourthCentralMoment(x: x, y: y),
                                     variance: e.perRowVariance(x: x, y: y))
        let fourth = e.perRowFourthCentralMoment(x: x, y: y), variance = e.perRowVariance(x: x, y: y)
        let theory = try #require(e.fourthCentralMomentTheory(x: x, y: y, features: 8, projection: .iid))
        #expect(abs(theory - (fourth + 21 * variance * variance) / 512) <= 1e-12 * theory)
        #expect(e.fourthCentralMomentTheory(x: x, y: y, features: 8, projection: .orthogonal) == nil)
    }

    // MARK: - Heavy tails and the Double range

    /// At x = y on the unit sphere (S = 4) positive and hyperbolic features are finite but far
    /// too heavy-tailed for T = 1000 trials to test their variance; trig never is (kurtosis ≤ 15).
    @Test func unitSphereIsTooHeavyForTheVarianceCheck() throws {
        let x = Self.pairs[2].x
        let positive = try SoftmaxURFEstimator(parameters: KernelParameters(), name: "positive")
        let hyperbolic = try SoftmaxRandomFeatureEstimator(map: .hyperbolic, parameters: KernelParameters())
        let trig = try SoftmaxRandomFeatureEstimator(map: .trig, parameters: KernelParameters())
        let cases: [(any PointwiseEstimator, Bool)] = [(positive, true), (hyperbolic, true), (trig, false)]
        for (e, heavy) in cases {
            let y = heavy ? x : x.map { -$0 }
            let fourth = try #require(e.fourthCentralMomentTheory(x: x, y: y, features: 16, projection: .iid))
            let variance = try #require(e.varianceTheory(x: x, y: y, features: 16, projection: .iid))
            let rho = try #require(CellStatistics.theoreticalVarianceRatioSE(varianceTheory: variance, fourthMomentTheory: fourth, trials: 1000))
            #expect(fourth.isFinite)
            #expect((rho > AcceptanceCheck.maximumVarianceRatioSETheory) == heavy, "\(e.estimatorName): ρ = \(rho)")
        }
    }

    /// ‖x‖ = ‖y‖ = 10, x = y: μ₄ = e^{2800}-ish overflows and is +infinity, not NaN; so is the
    /// relative SE, and the variance check skips the row. At d = 4096, M = 1 even the
    /// variance is +infinity, and the relative SE is still +infinity (not ∞/∞).
    @Test func overflowIsInfinityAndSkipped() throws {
        let big = [6.0, -8.0, 0, 0]
        let positive = try SoftmaxURFEstimator(parameters: KernelParameters(), name: "positive")
        let hyperbolic = try SoftmaxRandomFeatureEstimator(map: .hyperbolic, parameters: KernelParameters())
        let estimators: [any PointwiseEstimator] = [positive, hyperbolic]
        for e in estimators {
            let fourth = try #require(e.fourthCentralMomentTheory(x: big, y: big, features: 64, projection: .iid))
            let variance = try #require(e.varianceTheory(x: big, y: big, features: 64, projection: .iid))
            #expect(fourth == .infinity && variance.isFinite, "\(e.estimatorName): \(fourth), \(variance)")
            #expect(CellStatistics.theoreticalVarianceRatioSE(varianceTheory: variance, fourthMomentTheory: fourth, trials: 1000) == .infinity)
        }
        let d = 4096
        var g = RandomStream(seed: 10)
        let v = (0..<d).map { _ in Sampling.normal(using: &g) / Double(d).squareRoot() }
        let m1 = try SoftmaxURFEstimator(parameters: KernelParameters(urfM: .value(1)))
        let fourth = try #require(m1.fourthCentralMomentTheory(x: v, y: v, features: 8, projection: .iid))
        let variance = try #require(m1.varianceTheory(x: v, y: v, features: 8, projection: .iid))
        #expect(fourth == .infinity && variance == .infinity)
        let rho = try #require(CellStatistics.theoreticalVarianceRatioSE(varianceTheory: variance, fourthMomentTheory: fourth, trials: 1000))
        #expect(rho == .infinity)
        let pair = CheckCell.Pair(exact: 1, bias: 0, biasSE: 1, mse: 1, variance: 1, varianceSE: 1,
                                  varianceRatio: 0.5, varianceRatioSE: 0.01, z: nil, varianceRatioSETheory: rho)
        let cell = CheckCell(kernel: "exp", estimator: "urf", projection: .iid, dimension: d, features: 8, radius: nil,
                             context: "", pairs: [pair])
        let outcome = AcceptanceCheck.variance.evaluate([cell])[0]
        #expect(outcome.status == .skip, "\(outcome.line)")
    }

    /// y = −x: S = 0, the positive term is the constant exp(x·y) (μ₂ = μ₄ = 0 at M = 0).
    @Test func constantTermHasZeroMoments() throws {
        let x = OraclePair.x, y = x.map { -$0 }
        let e = try SoftmaxURFEstimator(parameters: KernelParameters(), name: "positive")
        #expect(e.fourthCentralMomentTheory(x: x, y: y, features: 4, projection: .iid) == 0)
        let trig = try SoftmaxRandomFeatureEstimator(map: .trig, parameters: KernelParameters())
        #expect(trig.fourthCentralMomentTheory(x: x, y: x, features: 4, projection: .iid) == 0)
    }

    /// The log-space mean of m terms equals the direct formula where both are finite.
    @Test func logMeanFormulaAgrees() {
        for (variance, fourth, m) in [(0.3, 0.5, 1), (2.0, 40.0, 7), (1e-3, 3.1e-6, 1024)] {
            let direct = IIDMoments.fourthCentralMomentOfMean(variance: variance, fourthCentralMoment: fourth, count: m)
            let logged = IIDMoments.logFourthCentralMomentOfMean(logVariance: Double.log(variance), logFourthCentralMoment: Double.log(fourth), count: m)
            #expect(abs(Double.exp(logged) - direct) <= 1e-13 * direct)
        }
        #expect(IIDMoments.logFourthCentralMomentOfMean(logVariance: -.infinity, logFourthCentralMoment: -.infinity, count: 3) == -.infinity)
    }
}
