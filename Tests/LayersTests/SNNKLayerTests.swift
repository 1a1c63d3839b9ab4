import Testing
@testable import Layers
import RandomFeatures

@Suite struct SNNKLayerTests {
    static let d = 12, l = 5, m = 16

    /// A teacher with ‖w_r‖ ≈ 0.5 and inputs with ‖x‖ ≈ 0.8 (the URF towers carry e^{±‖·‖²/2}).
    static func request(_ activation: Activation, projection: ProjectionKind = .iid, features: Int = m,
                        calibrationRows: Int = 40, ridge: Double = 1e-6, seed: UInt64 = 11,
                        weightNorm: Double = 0.5) -> LayerFitRequest {
        LayerFitRequest(
            teacherWeights: LayerFixtures.gaussian(rows: l, columns: d, scale: weightNorm / Double(d).squareRoot(), seed: 1),
            teacherBias: LayerFixtures.bias(l, scale: 0.3, seed: 2), activation: activation,
            calibration: LayerFixtures.gaussian(rows: calibrationRows, columns: d, scale: 0.8 / Double(d).squareRoot(), seed: 3),
            features: features, ridge: ridge, projection: projection, seed: seed)
    }

    static let inputs = LayerFixtures.gaussian(rows: 7, columns: d, scale: 0.8 / Double(d).squareRoot(), seed: 4)

    /// The fast Float forward pass against Ψ·φ(x) + β computed naively in Double from
    /// the estimators' x tower (cos, sin, exp) or the materialised G (relu): 1e-4 relative.
    @Test(arguments: zip([Activation.cos, .sin, .exp, .relu, .cos, .exp, .relu, .sin, .relu],
                         [ProjectionKind.iid, .iid, .iid, .iid, .orthogonal, .orthogonal, .orthogonal, .sorf, .sorf]))
    func forwardMatchesMaterialisedComputation(activation: Activation, projection: ProjectionKind) throws {
        let layer = try SNNKLayer.fit(Self.request(activation, projection: projection))
        let fast = try layer.forward(Self.inputs.converted())
        let reference = LayerFixtures.naiveOutput(features: try layer.referenceInputFeatures(Self.inputs),
                                                  weights: layer.outputWeights, bias: layer.outputBias)
        #expect(LayerFixtures.relativeError(fast, reference) <= 1e-4)
        #expect(layer.featureWidth == (activation == .cos || activation == .sin ? 2 * Self.m : Self.m))
        #expect(layer.parameterCount == Self.l * layer.featureWidth + Self.l)
        #expect(layer.storedBytes == 4 * layer.parameterCount)
        if projection != .sorf {
            #expect(layer.multiplyAddsPerInput == Self.m * Self.d + layer.featureWidth + Self.l * layer.featureWidth)
        }
    }

    /// (a) The initialisation Ψ(W) is unbiased for cos with rows marginally N(0, I)
    /// (iid; orthogonal with χ norms): over 400 seeds the mean output matches
    /// cos(Wx + b) within 5 standard errors at every entry.
    @Test(arguments: [ProjectionKind.iid, .orthogonal])
    func cosineInitialisationIsUnbiased(projection: ProjectionKind) throws {
        let trials = 400
        let x = Matrix<Double>(rows: 2, columns: Self.d, storage: Array(Self.inputs.storage.prefix(2 * Self.d)))
        let base = Self.request(.cos, projection: projection)
        let truth = base.teacherOutputs(on: x)
        var sum = [Double](repeating: 0, count: truth.storage.count), sumSq = sum
        for t in 0..<trials {
            var r = base
            r.seed = UInt64(1000 + t)
            let y = try SNNKLayer.initialised(r).forward(x.converted())
            for k in sum.indices {
                sum[k] += Double(y.storage[k])
                sumSq[k] += Double(y.storage[k]) * Double(y.storage[k])
            }
        }
        for k in sum.indices {
            let mean = sum[k] / Double(trials)
            let se = ((sumSq[k] / Double(trials) - mean * mean) / Double(trials - 1)).squareRoot()
            #expect(abs(mean - truth.storage[k]) <= 5 * se, "entry \(k): mean \(mean), truth \(truth.storage[k]), SE \(se)")
        }
    }

    /// (a) against (b) on held-out inputs: both errors reported; the closed-form
    /// transfer beats the data-free initialisation (cos, exp), and the best affine
    /// map of x (ridge on [X, 1]) for every family.
    @Test(arguments: [Activation.cos, .exp, .relu])
    func initialisationAndTransferErrors(activation: Activation) throws {
        // ‖w‖ ≈ 3 so that w·x + b (SD ≈ 0.8) reaches well into the activation's nonlinearity.
        let req = Self.request(activation, features: 64, calibrationRows: 400, ridge: 1e-8, weightNorm: 3)
        let heldOut = LayerFixtures.gaussian(rows: 200, columns: Self.d, scale: 0.8 / Double(Self.d).squareRoot(), seed: 99)
        let truth = req.teacherOutputs(on: heldOut)
        let fitted = try SNNKLayer.fit(req)
        let fitError = LayerFixtures.relativeError(try fitted.forward(heldOut.converted()), truth)
        var initError = Double.nan
        if activation != .relu {
            initError = LayerFixtures.relativeError(try SNNKLayer.initialised(req).forward(heldOut.converted()), truth)
            #expect(fitError < initError)
        }
        // The bar a nonlinear feature map must clear: the best affine map of x (ridge on [X, 1]).
        let affine = try RidgeSolver.solve(features: OutputWeightFit.withOnes(req.calibration),
                                           targets: req.teacherOutputs(on: req.calibration), ridge: 1e-8)
        let affineError = LayerFixtures.relativeError(OutputWeightFit.withOnes(heldOut).multiplied(by: affine), truth)
        print("snnk \(activation.rawValue) d=\(Self.d) l=\(Self.l) m=64: held-out rel_error initialisation \(initError), transfer \(fitError), best affine map \(affineError)")
        #expect(fitError < affineError)
    }

    /// (b) against an independent least-squares solution (Cholesky of the ridge
    /// normal equations on F = [φ(X), 1] from the reference tower): same predictions.
    @Test(arguments: [Activation.sin, .relu])
    func closedFormFitMatchesDirectLeastSquares(activation: Activation) throws {
        let req = Self.request(activation, ridge: 1e-3)
        let layer = try SNNKLayer.fit(req)
        let f = OutputWeightFit.withOnes(try layer.referenceInputFeatures(req.calibration))
        let theta = LayerFixtures.normalEquations(features: f, targets: req.teacherOutputs(on: req.calibration), ridge: 1e-3)
        let direct = f.multiplied(by: theta)
        let ours = LayerFixtures.naiveOutput(features: try layer.referenceInputFeatures(req.calibration),
                                             weights: layer.outputWeights, bias: layer.outputBias)
        #expect(LayerFixtures.relativeError(ours, direct) <= 1e-5)
    }

    /// Shrinking toward Ψ(W) with a huge λ returns Ψ(W) itself; with a tiny λ, the plain fit.
    @Test func shrinkingTowardInitialisationInterpolates() throws {
        var req = Self.request(.cos, ridge: 1e8)
        let start = try SNNKLayer.initialised(req)
        let strong = try SNNKLayer.fit(req, shrinkingTowardInitialisation: true)
        #expect(LayerFixtures.relativeError(strong.outputWeights, start.outputWeights) <= 1e-4)
        req.ridge = 1e-9
        let weak = try SNNKLayer.fit(req, shrinkingTowardInitialisation: true)
        let plain = try SNNKLayer.fit(req)
        let x = Self.inputs.converted(to: Float.self)
        #expect(LayerFixtures.relativeError(try weak.forward(x), try plain.forward(x)) <= 1e-3)
    }

    @Test func unsupportedActivationIsAClearError() throws {
        for activation in [Activation.polynomial, .identity] {
            #expect {
                _ = try SNNKLayer.fit(Self.request(activation))
            } throws: { error in
                let text = String(describing: error)
                return text.contains("--activation \(activation.rawValue)") && text.contains("accepted: cos, sin, exp, relu, gelu, tanh")
            }
        }
        #expect(throws: LayerError.self) { _ = try SNNKLayer.fit(Self.request(.cos, projection: .fastfood)) }
        var noFeatures = Self.request(.cos)
        noFeatures.features = nil
        #expect(throws: LayerError.self) { _ = try SNNKLayer.fit(noFeatures) }
    }

    /// Inputs whose e^{‖x‖²/2} overflows Float: an error, not inf.
    @Test func overflowingInputsAreRefused() throws {
        let layer = try SNNKLayer.fit(Self.request(.cos))
        let big = Matrix<Float>(rows: 1, columns: Self.d, repeating: 6)  // ‖x‖² = 432
        #expect(throws: LayerError.self) { _ = try layer.forward(big) }
    }

    /// Record and arrays rebuild the same layer: identical forward bytes.
    @Test func recordRoundTripIsBitForBit() throws {
        let layer = try SNNKLayer.fit(Self.request(.sin))
        let again = try SNNKLayer(record: layer.record, arrays: layer.arrays)
        let x = Self.inputs.converted(to: Float.self)
        #expect(try layer.forward(x) == again.forward(x))
        #expect(layer.record.parameters["features"] == Self.m)
    }
}
