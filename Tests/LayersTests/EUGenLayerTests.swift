import Foundation
import Testing
@testable import Layers
import RandomFeatures

@Suite struct EUGenLayerTests {
    static let d = 8, l = 4
    /// f(z) = 0.5 + z + 0.25 z² (ALGORITHMS.md §5.10's measured example).
    static let coefficients = [0.5, 1, 0.25]

    static func request(_ activation: Activation = .polynomial, features: Int = 16, order: Int? = 2,
                        projection: ProjectionKind = .iid, calibrationRows: Int = 60, ridge: Double = 1e-6,
                        seed: UInt64 = 5) -> LayerFitRequest {
        LayerFitRequest(
            teacherWeights: LayerFixtures.gaussian(rows: l, columns: d, scale: 1 / Double(d).squareRoot(), seed: 21),
            teacherBias: LayerFixtures.bias(l, scale: 0.3, seed: 22), activation: activation,
            polynomialCoefficients: activation == .polynomial ? coefficients : [],
            calibration: LayerFixtures.gaussian(rows: calibrationRows, columns: d, scale: 1 / Double(d).squareRoot(), seed: 23),
            features: features, order: order, ridge: ridge, projection: projection, seed: seed)
    }

    static let inputs = LayerFixtures.gaussian(rows: 6, columns: d, scale: 1 / Double(d).squareRoot(), seed: 24)

    /// The fast Float forward pass against [φ₁ … φ_k]·Wᵀ + W₀ computed naively in Double
    /// from `EUGenEstimator`'s x tower: 1e-4 relative.
    @Test(arguments: zip([1, 2, 3, 2, 2], [ProjectionKind.iid, .iid, .iid, .orthogonal, .sorf]))
    func forwardMatchesMaterialisedComputation(order: Int, projection: ProjectionKind) throws {
        let layer = try EUGenLayer.fit(Self.request(order: order, projection: projection))
        let fast = try layer.forward(Self.inputs.converted())
        let reference = LayerFixtures.naiveOutput(features: try layer.referenceInputFeatures(Self.inputs),
                                                  weights: layer.outputWeights, bias: layer.outputBias)
        #expect(LayerFixtures.relativeError(fast, reference) <= 1e-4)
        #expect(layer.parameterCount == order * 16 * Self.l + Self.l)
    }

    /// Per-entry variance of the order-i EUGen estimate with Gaussian rows (§5.10):
    /// Var = Σᵢ aᵢ² [(‖u‖²‖v‖² + 2(u·v)²)ⁱ − (u·v)²ⁱ] / m,  u = x⁺, v = w⁺.
    static func theoreticalVariance(x: [Double], w: [Double], b: Double, features m: Int) -> Double {
        let nx = x.reduce(0) { $0 + $1 * $1 }
        let u = x + [1, nx.squareRoot()], v = w + [b, 0]
        let uv = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
        let uu = u.reduce(0) { $0 + $1 * $1 }, vv = v.reduce(0) { $0 + $1 * $1 }
        var total = 0.0
        for i in 1..<coefficients.count {
            total += coefficients[i] * coefficients[i] * (pow(uu * vv + 2 * uv * uv, Double(i)) - pow(uv, Double(2 * i)))
        }
        return total / Double(m)
    }

    /// (a) The unbiased initialisation on a polynomial activation: over 200 seeds at
    /// each M, (1) the mean output matches f(Wx + b) within 5 SE, (2) the mean squared
    /// error matches the §5.10 variance within 5 SE, and (3) log MSE falls with slope
    /// −1 in log M (RMSE ∝ 1/√M) within 5 SE of the weighted least-squares slope.
    @Test func initialisationIsUnbiasedAndItsErrorFallsLikeInverseRootM() throws {
        let trials = 200
        let ms = [8, 32, 128, 512]
        let x = Self.inputs
        let base = Self.request()
        let truth = base.teacherOutputs(on: x)
        var theory = 0.0
        for p in 0..<x.rows {
            for r in 0..<Self.l {
                theory += Self.theoreticalVariance(x: x.row(p), w: base.teacherWeights.row(r), b: base.teacherBias[r], features: 1)
            }
        }
        theory /= Double(x.rows * Self.l)
        var logM = [Double](), logMSE = [Double](), weights = [Double]()
        for m in ms {
            var sum = [Double](repeating: 0, count: truth.storage.count), sumSq = sum
            var mse = [Double]()
            for t in 0..<trials {
                var r = base
                r.features = m
                r.seed = UInt64(10_000 * m + t)
                let y = try EUGenLayer.initialised(r).forward(x.converted())
                var s = 0.0
                for k in sum.indices {
                    let v = Double(y.storage[k])
                    sum[k] += v
                    sumSq[k] += v * v
                    s += (v - truth.storage[k]) * (v - truth.storage[k])
                }
                mse.append(s / Double(sum.count))
            }
            for k in sum.indices {
                let mean = sum[k] / Double(trials)
                let se = ((sumSq[k] / Double(trials) - mean * mean) / Double(trials - 1)).squareRoot()
                #expect(abs(mean - truth.storage[k]) <= 5 * se, "M = \(m), entry \(k): mean \(mean) vs \(truth.storage[k]) (SE \(se))")
            }
            let meanMSE = mse.reduce(0, +) / Double(trials)
            let seMSE = (mse.reduce(0) { $0 + ($1 - meanMSE) * ($1 - meanMSE) } / Double(trials - 1) / Double(trials)).squareRoot()
            #expect(abs(meanMSE - theory / Double(m)) <= 5 * seMSE, "M = \(m): MSE \(meanMSE) vs theory \(theory / Double(m)) (SE \(seMSE))")
            logM.append(log(Double(m)))
            logMSE.append(log(meanMSE))
            weights.append(pow(meanMSE / seMSE, 2))  // 1 / Var(log MSE) by the delta method
            print("eugen init M=\(m): RMSE \(meanMSE.squareRoot()), theory \((theory / Double(m)).squareRoot())")
        }
        let sw = weights.reduce(0, +)
        let mx = zip(weights, logM).reduce(0) { $0 + $1.0 * $1.1 } / sw
        let my = zip(weights, logMSE).reduce(0) { $0 + $1.0 * $1.1 } / sw
        let sxx = zip(weights, logM).reduce(0) { $0 + $1.0 * ($1.1 - mx) * ($1.1 - mx) }
        let sxy = (0..<ms.count).reduce(0.0) { $0 + weights[$1] * (logM[$1] - mx) * (logMSE[$1] - my) }
        let slope = sxy / sxx, seSlope = (1 / sxx).squareRoot()
        print("eugen init: log-log slope of MSE in M = \(slope) ± \(seSlope) (expected −1, i.e. RMSE ∝ M^−1/2)")
        #expect(abs(slope + 1) <= 5 * seSlope)
    }

    /// (a) with structured rows: E[g gᵀ] = I is all the initialisation needs (§5.10), so it
    /// stays unbiased with orthogonal and SORF factors: mean over 300 seeds within 5 SE.
    @Test(arguments: [ProjectionKind.orthogonal, .sorf])
    func initialisationIsUnbiasedWithStructuredRows(projection: ProjectionKind) throws {
        let trials = 300
        let base = Self.request(features: 32, projection: projection)
        let truth = base.teacherOutputs(on: Self.inputs)
        var sum = [Double](repeating: 0, count: truth.storage.count), sumSq = sum
        for t in 0..<trials {
            var r = base
            r.seed = UInt64(500 + t)
            let y = try EUGenLayer.initialised(r).forward(Self.inputs.converted())
            for k in sum.indices {
                sum[k] += Double(y.storage[k])
                sumSq[k] += Double(y.storage[k]) * Double(y.storage[k])
            }
        }
        for k in sum.indices {
            let mean = sum[k] / Double(trials)
            let se = ((sumSq[k] / Double(trials) - mean * mean) / Double(trials - 1)).squareRoot()
            #expect(abs(mean - truth.storage[k]) <= 5 * se, "\(projection) entry \(k): mean \(mean) vs \(truth.storage[k]) (SE \(se))")
        }
    }

    /// (b) against an independent least-squares solution (Cholesky of the ridge normal
    /// equations on F = [φ₁ … φ_k, 1] from the estimator's tower): same predictions.
    @Test func closedFormFitMatchesDirectLeastSquares() throws {
        let req = Self.request(.gelu, ridge: 1e-3)
        let layer = try EUGenLayer.fit(req)
        let features = try layer.referenceInputFeatures(req.calibration)
        let f = OutputWeightFit.withOnes(features)
        let theta = LayerFixtures.normalEquations(features: f, targets: req.teacherOutputs(on: req.calibration), ridge: 1e-3)
        let ours = LayerFixtures.naiveOutput(features: features, weights: layer.outputWeights, bias: layer.outputBias)
        #expect(LayerFixtures.relativeError(ours, f.multiplied(by: theta)) <= 1e-5)
    }

    /// (a) against (b) on held-out inputs for the polynomial teacher: both reported,
    /// the fit is better; with n ≥ 1 + k·m and λ → 0 an order-2 fit of a degree-2
    /// teacher is exact up to the feature span (it spans every quadratic once k·m ≥ (d+2)(d+3)/2).
    @Test func initialisationAndTransferErrors() throws {
        let req = Self.request(features: 64, calibrationRows: 400, ridge: 1e-10)
        let heldOut = LayerFixtures.gaussian(rows: 100, columns: Self.d, scale: 1 / Double(Self.d).squareRoot(), seed: 77)
        let truth = req.teacherOutputs(on: heldOut)
        let initError = LayerFixtures.relativeError(try EUGenLayer.initialised(req).forward(heldOut.converted()), truth)
        let fitError = LayerFixtures.relativeError(try EUGenLayer.fit(req).forward(heldOut.converted()), truth)
        print("eugen polynomial d=\(Self.d) l=\(Self.l) m=64 k=2: held-out rel_error initialisation \(initError), transfer \(fitError)")
        #expect(fitError < initError)
        #expect(fitError < 1e-3)
    }

    @Test func unsupportedActivationIsAClearError() throws {
        #expect {
            _ = try EUGenLayer.initialised(Self.request(.gelu))
        } throws: { error in
            String(describing: error).contains("--activation gelu") && String(describing: error).contains("polynomial")
        }
        #expect(throws: LayerError.self) { _ = try EUGenLayer.initialised(Self.request(order: 1)) }  // degree 2 > k = 1
        #expect(throws: LayerError.self) { _ = try EUGenLayer.fit(Self.request(projection: .circulant)) }
    }

    @Test func recordRoundTripIsBitForBit() throws {
        let layer = try EUGenLayer.fit(Self.request(order: 3))
        let again = try EUGenLayer(record: layer.record, arrays: layer.arrays)
        let x = Self.inputs.converted(to: Float.self)
        #expect(try layer.forward(x) == again.forward(x))
    }
}
