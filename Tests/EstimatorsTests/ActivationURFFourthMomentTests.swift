@testable import Estimators
import RandomFeatures
import RealModule
import Testing

/// The fourth central moment of the balanced-split URF estimator
/// (`ActivationURFEstimator+FourthMoment.swift`): oracles for its pieces, a Monte
/// Carlo check of the whole, and the cauchy-activation limit ‖x+w‖² < 1/4.
@Suite struct ActivationURFFourthMomentTests {
    typealias Activation = ActivationURFEstimator.Activation

    /// Central moments μ₀…μₙ from raw moments E X¹…E Xⁿ (binomial expansion about the mean).
    static func central(_ raw: [Double]) -> [Double] {
        let m = [1.0] + raw, mu = raw[0]
        return (0..<m.count).map { n in
            var sum = 0.0, binomial = 1.0
            for j in 0...n {
                sum += binomial * m[j] * Double.pow(-mu, n - j)
                binomial = binomial * Double(n - j) / Double(j + 1)
            }
            return sum
        }
    }

    static func pair(_ x: [Double], _ w: [Double], bias b: Double) -> (t: Double, z: Double) {
        (ActivationURFEstimator.sumSquaredNorm(x, w), zip(x, w).reduce(0) { $0 + $1.0 * $1.1 } + b)
    }

    // MARK: - Oracles

    /// Steps 1–5 at order 2 reproduce what §5.6 already states: E Re Z = f(x·w + b) and
    /// Var(Re Z) = (E|Z|² + f(‖x‖² + ‖w‖² + 4x·w + 2b))/2 − f², to rounding.
    @Test(arguments: Activation.allCases, [0.5, 0.2])
    func lowMomentsReproduceTheKnownVariance(activation: Activation, scale: Double) throws {
        let x = OraclePair.x.map { $0 * scale }, w = OraclePair.y.map { $0 * scale }, b = OraclePair.bias
        let (t, z) = Self.pair(x, w, bias: b)
        let raw = try ActivationURFEstimator.rawMoments(activation: activation, t: t, z: z, order: 2)
        #expect(abs(raw[0] - activation.value(z)) <= 1e-12)
        let variance = ActivationURFEstimator.perRowVariance(activation: activation, x: x, w: w, bias: b)
        #expect(abs((raw[1] - raw[0] * raw[0]) - variance) <= 1e-11 * variance)
    }

    /// GSL's QAGIU value of M(k, θ) = 2∫₀^∞ φ(u) e^{ku} cos(θu) du against the composite
    /// Simpson rule on [0, 40] with step 1e-4 (error ~ h⁴·max|f⁗| ≪ 1e-10 here).
    @Test(arguments: [(0.3, 0.7), (1.2, 2.5), (3.0, 6.1), (0.05, 9.0)])
    func quadratureAgreesWithSimpson(k: Double, theta: Double) throws {
        let value = try ActivationURFEstimator.exponentialCosineMoment(activation: .gauss, k: k, theta: theta,
                                                                       quadrature: HalfLineQuadrature())
        let h = 1e-4, n = 400_000
        func f(_ u: Double) -> Double { 2 * Double.exp(-u * u / 2 + k * u) * Double.cos(theta * u) / (2 * Double.pi).squareRoot() }
        var sum = f(0) + f(Double(n) * h)
        for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * f(Double(i) * h) }
        let simpson = sum * h / 3
        #expect(abs(value - simpson) <= 1e-9 * max(1, Double.exp(k * k / 2)), "M(\(k), \(theta)) = \(value), Simpson \(simpson)")
    }

    /// The mean of m = 3 iid draws of a three-point law, and s² of T = 3 such draws,
    /// enumerated exactly (27 outcomes each), against `IIDMoments`.
    @Test func momentsOfTheMeanAndOfTheSampleVarianceByEnumeration() {
        let values = [-1.0, 0.0, 2.0], weights = [0.2, 0.5, 0.3]
        let mean = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        func centralMoment(_ k: Int) -> Double { zip(values, weights).reduce(0) { $0 + Double.pow($1.0 - mean, k) * $1.1 } }
        let variance = centralMoment(2), fourth = centralMoment(4)
        var meanFourth = 0.0, s2Mean = 0.0, s2Square = 0.0
        for i in 0..<3 { for j in 0..<3 { for k in 0..<3 {
            let p = weights[i] * weights[j] * weights[k]
            let draws = [values[i], values[j], values[k]]
            let average = draws.reduce(0, +) / 3
            meanFourth += p * Double.pow(average - mean, 4)
            let s2 = draws.reduce(0) { $0 + ($1 - average) * ($1 - average) } / 2
            s2Mean += p * s2
            s2Square += p * s2 * s2
        } } }
        let formula = IIDMoments.fourthCentralMomentOfMean(variance: variance, fourthCentralMoment: fourth, count: 3)
        #expect(abs(formula - meanFourth) <= 1e-14)
        #expect(abs(s2Mean - variance) <= 1e-14)
        let se = IIDMoments.sampleVarianceStandardError(variance: variance, fourthCentralMoment: fourth, count: 3)
        #expect(abs(se * se - (s2Square - s2Mean * s2Mean)) <= 1e-14)
    }

    // MARK: - Monte Carlo

    /// μ₂ and μ₄ of one feature Re Z from 4·2²⁰ iid features of the estimator's own map
    /// (m·⟨φ_x, φ_y⟩ term by term; `featuresReproduceEstimates` ties the map to the
    /// estimates), at t = ‖x+w‖² = 0.2225, z = x·w + b = 1.435, within 5 MC standard errors.
    /// The SEs come from the theory's central moments up to order 8 (delta method for a
    /// sample central moment, Kendall & Stuart §10.5): Var μ̂₄ ≈ (μ₈ − μ₄² − 8μ₃μ₅ + 16μ₂μ₃²)/N,
    /// Var μ̂₂ ≈ (μ₄ − μ₂²)/N. Relative SE of μ̂₄ ≈ 0.7%. The sample's own SE would not do:
    /// the eighth moment is heavy-tailed enough that it is often underestimated. At t = 0.3
    /// μ̂₄'s relative SE would be ~7% (its μ₈ involves e^{128t²}), too loose a check.
    @Test func fourthMomentMatchesMonteCarlo() throws {
        let x = [0.3, 0.1, -0.2], w = [0.1, 0.05, 0.0], b = 1.4
        let e = try ActivationURFEstimator(activation: .gauss, parameters: KernelParameters(bias: b))
        let (t, z) = Self.pair(x, w, bias: b)
        let m = 1 << 20
        var samples: [Double] = []
        samples.reserveCapacity(4 * m)
        for chunk in 0..<4 {
            let map = try e.featureMap(inputDimension: 3, features: m, projection: .iid, stream: RandomStream(seed: 2024).child(UInt64(chunk)))
            let fx = try map.transform(Matrix(rowArrays: [x]), side: .x), fw = try map.transform(Matrix(rowArrays: [w]), side: .y)
            for j in 0..<m {
                samples.append(Double(m) * (fx.storage[j] * fw.storage[j] + fx.storage[m + j] * fw.storage[m + j]))
            }
        }
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
        let mu = Self.central(try ActivationURFEstimator.rawMoments(activation: .gauss, t: t, z: z, order: 8))
        let fourth = try ActivationURFEstimator.perRowFourthCentralMoment(activation: .gauss, x: x, w: w, bias: b)
        #expect(abs(fourth - mu[4]) <= 1e-12 * mu[4])
        let se4 = ((mu[8] - mu[4] * mu[4] - 8 * mu[3] * mu[5] + 16 * mu[2] * mu[3] * mu[3]) / n).squareRoot()
        let se2 = ((mu[4] - mu[2] * mu[2]) / n).squareRoot()
        #expect(abs(s4 - fourth) <= 5 * se4, "μ̂₄ \(s4) vs theory \(fourth), SE \(se4)")
        #expect(abs(s2 - mu[2]) <= 5 * se2, "μ̂₂ \(s2) vs theory \(mu[2]), SE \(se2)")
        // The estimate with m features: (μ₄ + 3(m − 1)μ₂²)/m³ (the enumeration test covers the formula).
        let theory = try #require(e.fourthCentralMomentTheory(x: x, y: w, features: 8, projection: .iid))
        #expect(abs(theory - (fourth + 21 * mu[2] * mu[2]) / 512) <= 1e-12 * theory)
        #expect(e.fourthCentralMomentTheory(x: x, y: w, features: 8, projection: .orthogonal) == nil)
    }

    // MARK: - Heavy tails and limits

    /// E|Z|⁴ = E_u e^{4|u|t}: finite for cauchy-activation only when t = ‖x+w‖² < 1/4
    /// (not 1/2): between the two the fourth moment is infinite and the theory says so.
    @Test func cauchyFourthMomentIsFiniteOnlyBelowOneQuarter() throws {
        let cauchy = try ActivationURFEstimator(activation: .cauchy, parameters: KernelParameters(bias: OraclePair.bias))
        let x = OraclePair.x, w = OraclePair.y                                   // ‖x+w‖² = 0.5275
        let inside = (x.map { $0 * 0.6 }, w.map { $0 * 0.6 })                    // 0.1899
        let between = (x.map { $0 * 0.9 }, w.map { $0 * 0.9 })                   // 0.4273
        #expect(cauchy.hasFiniteFourthMoment(x: inside.0, y: inside.1))
        #expect(!cauchy.hasFiniteFourthMoment(x: between.0, y: between.1))
        #expect(cauchy.fourthCentralMomentTheory(x: between.0, y: between.1, features: 16, projection: .iid) == .infinity)
        let finite = try #require(cauchy.fourthCentralMomentTheory(x: inside.0, y: inside.1, features: 16, projection: .iid))
        #expect(finite.isFinite && finite > 0)
    }

    /// gauss-activation on the unit sphere at x = w (t = 4): finite but with a kurtosis
    /// μ₄/σ⁴ of order e^{100} even for the mean of 1024 features.
    @Test func gaussFourthMomentIsAstronomicalAtTheUnitSphere() throws {
        let e = try ActivationURFEstimator(activation: .gauss, parameters: KernelParameters(bias: 0.3))
        let x = [0.6, 0.0, 0.8, 0.0]
        #expect(e.hasFiniteFourthMoment(x: x, y: x))
        let fourth = try #require(e.fourthCentralMomentTheory(x: x, y: x, features: 1024, projection: .iid))
        let variance = try #require(e.varianceTheory(x: x, y: x, features: 1024, projection: .iid))
        #expect(fourth.isFinite && Double.log(fourth / (variance * variance)) > 90)
    }
}
