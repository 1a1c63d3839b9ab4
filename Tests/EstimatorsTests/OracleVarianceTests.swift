import Estimators
import RandomFeatures
import Testing

/// The exact per-row variances of ALGORITHMS.md §9 at the oracle pair, to 1e-10 relative.
@Suite struct OracleVarianceTests {
    let x = OraclePair.x, y = OraclePair.y, b = OraclePair.bias

    @Test(arguments: [
        (TrigonometricURFEstimator.Target.cos, 0.0, 0.192384115019),
        (.cos, 0.5, 2.19832345538),
        (.sin, 0.0, 0.341035064649),
        (.sin, 0.5, 1.28817852787),
    ])
    func urfTrigonometric(target: TrigonometricURFEstimator.Target, parameterM: Double, expected: Double) throws {
        let v = TrigonometricURFEstimator.perRowVariance(target: target, x: x, w: y, bias: b, parameterM: parameterM)
        #expect(relativeError(v, expected) < 1e-10)
        let estimator = try TrigonometricURFEstimator(target: target, parameters: KernelParameters(bias: b, urfM: .value(parameterM)))
        #expect(relativeError(estimator.varianceTheory(x: x, y: y, features: 8, projection: .iid)! * 8, expected) < 1e-10)
        #expect(estimator.varianceTheory(x: x, y: y, features: 8, projection: .orthogonal) == nil)
    }

    @Test(arguments: [(0.0, 0.767751497387), (0.25, 1.23727928818)])
    func positiveFeatures(parameterM: Double, expected: Double) {
        let v = SoftmaxURFEstimator.perRowVariance(x: x, y: y, bias: 0, parameterM: parameterM)
        #expect(relativeError(v, expected) < 1e-10)
    }

    @Test func optimalPositiveM() throws {
        let s = zip(x, y).reduce(0.0) { $0 + ($1.0 + $1.1) * ($1.0 + $1.1) }
        let mStar = SoftmaxURFEstimator.optimalM(sumSquaredNorm: s, dimension: 4)
        #expect(relativeError(mStar, 0.0557666192479) < 1e-10)
        #expect(relativeError(SoftmaxURFEstimator.perRowVariance(x: x, y: y, bias: 0, parameterM: mStar), 0.59788565446) < 1e-10)
        // `.optimal` picks it per pair, and it is a minimum of V1(M).
        let estimator = try SoftmaxURFEstimator(parameters: KernelParameters(bias: 0, urfM: .optimal))
        #expect(estimator.parameterM(x: x, y: y) == mStar)
        for delta in [-1e-3, 1e-3, 0.1] {
            #expect(SoftmaxURFEstimator.perRowVariance(x: x, y: y, bias: 0, parameterM: mStar + delta)
                    > SoftmaxURFEstimator.perRowVariance(x: x, y: y, bias: 0, parameterM: mStar))
        }
    }

    @Test(arguments: [
        (ActivationURFEstimator.Activation.gauss, 0.199743129707),
        (.cauchy, 0.605787360277),
    ])
    func balancedURF(activation: ActivationURFEstimator.Activation, expected: Double) {
        let v = ActivationURFEstimator.perRowVariance(activation: activation, x: x, w: y, bias: b)
        #expect(relativeError(v, expected) < 1e-10)
    }

    @Test(arguments: [
        (1, ProjectionKind.iid, 0.9065), (1, .rademacher, 0.3882),
        (2, .iid, 1.37017475), (2, .rademacher, 0.38556024),
        (3, .iid, 1.739491688375), (3, .rademacher, 0.301829184018),
    ])
    func eugenOrders(order: Int, rows: ProjectionKind, expected: Double) throws {
        var coefficients = [Double](repeating: 0, count: order + 1)
        coefficients[order] = 1
        let estimator = try EUGenEstimator(parameters: KernelParameters(bias: b, coefficients: coefficients))
        #expect(relativeError(estimator.perRowVariance(order: order, x: x, y: y, rows: rows), expected) < 1e-10)
        #expect(relativeError(estimator.varianceTheory(x: x, y: y, features: 5, projection: rows)! * 5, expected) < 1e-10)
    }

    @Test(arguments: [
        (RandomMaclaurinEstimator.Variant.plain, 0.995881011357),
        (.exactLowOrder, 0.000311366672099),
    ])
    func maclaurinExponential(variant: RandomMaclaurinEstimator.Variant, expected: Double) {
        let estimator = RandomMaclaurinEstimator(series: .exponential, bias: 0, variant: variant, kernelName: "exp")
        #expect(relativeError(estimator.perRowVariance(x: x, y: y, rows: .rademacher), expected) < 1e-10)
    }

    @Test func countSketch() throws {
        let estimator = try TensorSketchEstimator(parameters: KernelParameters(bias: 0, coefficients: [0, 1]))
        #expect(relativeError(estimator.varianceTheory(x: x, y: y, features: 16, projection: .iid)!, 0.001403125) < 1e-10)
    }

    /// Trap §8.21: the even/odd-D term of the TensorSketch variance.
    @Test(arguments: [(16, 0.0900308396875), (15, 0.0957013787)])
    func tensorSketchSquare(width: Int, expected: Double) throws {
        // (x·y + 1)² as one order-2 sketch of [x; 1] against [y; 1].
        let estimator = try TensorSketchEstimator(parameters: KernelParameters(bias: 1, coefficients: [0, 0, 1]))
        #expect(relativeError(estimator.varianceTheory(x: x, y: y, features: width, projection: .iid)!, expected) < 1e-10)
    }
}
