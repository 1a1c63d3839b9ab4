import RandomFeatures
import RealModule

/// Trigonometric and hyperbolic random features for the softmax kernel
/// exp(x·y + b) ([PERF]; ALGORITHMS.md §5.4), w ~ N(0, I):
///
///     trig:        φ(x) = e^{‖x‖²/2 + b/2} m^(−1/2) [cos Wx; sin Wx]           ζ = e^{(‖x‖²+‖y‖²)/2 + b} cos(w·δ)
///     hyperbolic:  φ(x) = e^{−‖x‖²/2 + b/2} (2m)^(−1/2) [exp(Wx); exp(−Wx)]    ζ = e^{−(‖x‖²+‖y‖²)/2 + b} cosh(w·(x+y))
///
/// Unbiased: E cos(w·δ) = e^{−‖δ‖²/2} and E cosh(w·s) = e^{‖s‖²/2}. Same map on both
/// sides; the bias is split as e^{b/2} per side. The positive features (FAVOR+) are
/// `SoftmaxURFEstimator`.
///
/// Every factor is assembled as one exponent in Double and exponentiated once
/// (log φ = ±w·x − ‖x‖²/2 + b/2 − log(2m)/2 for hyperbolic), so Float batches
/// with ‖x‖ = 10 stay finite (trap §8.4).
///
/// - Projections: iid, orthogonal (χ norms), fastfood, circulant (rows marginally N(0, I)).
/// - Variance: closed form per row for iid rows, else nil; so is the fourth central
///   moment (`SoftmaxRandomFeatureEstimator+FourthMoment.swift`).
public struct SoftmaxRandomFeatureEstimator: FeatureMapEstimator {
    public enum Map: String, Sendable, CaseIterable {
        case trig, hyperbolic
    }

    public let map: Map
    public let bias: Double

    public static let validProjections: [ProjectionKind] = [.iid, .orthogonal, .fastfood, .circulant]

    public init(map: Map, parameters: KernelParameters) throws {
        guard parameters.bias.isFinite else { throw EstimatorError("--bias must be a finite number; got \(parameters.bias)") }
        self.map = map
        bias = parameters.bias
    }

    public var kernelName: String { "exp" }
    public var estimatorName: String { map.rawValue }
    public var validProjections: [ProjectionKind] { Self.validProjections }

    public func exact(x: [Double], y: [Double]) throws -> Double {
        try EstimatorChecks.requireSameLength(x, y)
        return ExponentialKernel(bias: bias).value(x: x, y: y)
    }

    public func validate(x: [Double], y: [Double]) throws {
        try EstimatorChecks.requireSameLength(x, y)
    }

    public func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        let fitted = try featureMap(inputDimension: pairs.dimension, features: m, projection: projection, stream: stream)
        return try fitted.pairEstimates(pairs)
    }

    public func featureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                           stream: RandomStream) throws -> any FittedFeatureMap {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        let rows = try projection.draw(rowCount: m, inputDimension: d, options: ProjectionOptions(), stream: stream.child(0))
        return SoftmaxRandomFeatureMap(rows: rows, map: map, bias: bias)
    }

    /// Per-row variance at one pair `[derived, MC 2e6 / 4e7]`, in log space:
    ///
    ///     trig:        V1 = e^{2b} e^{‖x‖²+‖y‖²} (1 − e^{−‖x−y‖²})²/2
    ///     hyperbolic:  V1 = e^{2b} SM² (cosh ‖x+y‖² − 1),   SM = exp(x·y)
    public func perRowVariance(x: [Double], y: [Double]) -> Double {
        let nx = FeatureRowMath.squaredNorm(x), ny = FeatureRowMath.squaredNorm(y), xy = FeatureRowMath.dot(x, y)
        switch map {
        case .trig:
            let difference = nx + ny - 2 * xy
            if difference <= 0 { return 0 }
            return Double.exp(2 * bias + nx + ny + 2 * Double.log(-Double.expMinusOne(-difference)) - Double.log(2))
        case .hyperbolic:
            // cosh S − 1 = e^S (1 − e^{−S})²/2.
            let s = nx + ny + 2 * xy
            if s <= 0 { return 0 }
            return Double.exp(2 * bias + 2 * xy + s + 2 * Double.log(-Double.expMinusOne(-s)) - Double.log(2))
        }
    }

    public func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        return perRowVariance(x: x, y: y) / Double(m)
    }
}

/// The fitted map of `SoftmaxRandomFeatureEstimator` (2m columns, symmetric).
struct SoftmaxRandomFeatureMap: FittedFeatureMap {
    let rows: any Projection
    let map: SoftmaxRandomFeatureEstimator.Map
    let bias: Double

    var inputDimension: Int { rows.inputDimension }
    var outputWidth: Int { 2 * rows.rowCount }
    var isSymmetric: Bool { true }

    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double> { try apply(batch) }
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float> { try apply(batch) }

    private func apply<S: BLASScalar>(_ batch: Matrix<S>) throws -> Matrix<S> {
        try checkInput(batch)
        let z = FeatureRowMath.project(rows, batch)
        let norms = FeatureRowMath.rowSquaredNorms(batch)
        let m = rows.rowCount, width = outputWidth
        var out: Matrix<S>
        switch map {
        case .trig:
            // e^{‖x‖²/2 + b/2}/√m, one Double factor per row.
            let logScales = norms.map { $0 / 2 + bias / 2 - Double.log(Double(m)) / 2 }
            out = TrigonometricColumns.features(z, scale: 1, rowScales: logScales.map { Double.exp($0) }, withSine: true)
        case .hyperbolic:
            out = Matrix<S>(rows: batch.rows, columns: width)
            let logConstant = bias / 2 - Double.log(Double(2 * m)) / 2
            for p in 0..<batch.rows {
                let rowTerm = logConstant - norms[p] / 2
                for j in 0..<m {
                    let t = z.storage[p * m + j].doubleValue
                    out.storage[p * width + j] = S(Double.exp(rowTerm + t))
                    out.storage[p * width + m + j] = S(Double.exp(rowTerm - t))
                }
            }
        }
        return try checkFinite(out)
    }
}
