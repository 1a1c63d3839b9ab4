import RandomFeatures
import RealModule

/// Generalised positive random features with SNNK's parameter M for the
/// exponential kernel (FAVOR++ / URF M; ALGORITHMS.md §5.5; [CRT22], [SNNK]).
///
///     K(x, y) = exp(x·y + b)
///     φ_M(x)ⱼ = m^(-1/2) (1+4M)^(d/4) exp(√(1+4M) gⱼ·x − ‖x‖²/2 − M‖gⱼ‖² + b/2),   gⱼ ~ N(0, I_d)
///     E ⟨φ_M(x), φ_M(y)⟩ = exp(x·y + b)          (same map on both sides)
///
/// M = 0 is FAVOR+ (the positive features of Performers). The catalogue offers
/// this one estimator under two names: `positive` (FAVOR+, exp's default) and `urf`
/// (SNNK's URF with a = b = 1, §5.6); both take `--urf-m`. Unbiased for every
/// M ≥ 0 from the identity E_g exp(c g·v − 2M‖g‖²) = (1+4M)^(−d/2) exp(c²‖v‖²/(2(1+4M))).
///
/// Goals in order: unbiased; minimum variance through M; no overflow — every
/// constant such as (1+4M)^(d/4) stays in the exponent as (d/4)·log1p(4M), so
/// d = 4096 with M = 1 is fine (trap §8.4).
///
/// - Parameters (from `KernelParameters`):
///   - bias: b (default 0), split as e^(b/2) on each side so the map stays symmetric.
///   - urfM: `.value(M)` with M ≥ 0 (default 0), or `.optimal`: for each pair its own
///     closed-form optimum M* (see `optimalM`). Different pairs then get different M
///     (sharing the same G), so `.optimal` is available for point-wise estimates
///     but refused for feature maps, which need one M for all rows.
/// - Projections: iid, orthogonal (χ norms), fastfood, circulant — those whose rows
///   are marginally N(0, I), as the ‖gⱼ‖² term requires (§5.3).
/// - Variance: closed form for iid rows (`varianceTheory`); so is the fourth central
///   moment (`fourthCentralMomentTheory`, `SoftmaxURFEstimator+FourthMoment.swift`).
public struct SoftmaxURFEstimator: FeatureMapEstimator {
    public let bias: Double
    public let urfM: KernelParameters.URFParameter
    /// `positive` or `urf`: the name the catalogue gives this estimator.
    public let estimatorName: String

    public static let validProjections: [ProjectionKind] = [.iid, .orthogonal, .fastfood, .circulant]

    public init(parameters: KernelParameters, name: String = "urf") throws {
        precondition(name == "urf" || name == "positive")
        try EstimatorChecks.validateURFM(parameters.urfM)
        estimatorName = name
        guard parameters.bias.isFinite else { throw EstimatorError("--bias must be a finite number; got \(parameters.bias)") }
        bias = parameters.bias
        urfM = parameters.urfM
    }

    public var kernelName: String { "exp" }
    public var validProjections: [ProjectionKind] { Self.validProjections }

    public func exact(x: [Double], y: [Double]) throws -> Double {
        try EstimatorChecks.requireSameLength(x, y)
        return ExponentialKernel(bias: bias).value(x: x, y: y)
    }

    public func validate(x: [Double], y: [Double]) throws {
        try EstimatorChecks.requireSameLength(x, y)
    }

    /// The M used at the pair (x, y): the fixed value, or M*(‖x+y‖², d).
    public func parameterM(x: [Double], y: [Double]) -> Double {
        switch urfM {
        case .value(let m): return m
        case .optimal:
            let s = zip(x, y).reduce(0.0) { $0 + ($1.0 + $1.1) * ($1.0 + $1.1) }
            return Self.optimalM(sumSquaredNorm: s, dimension: x.count)
        }
    }

    /// The M minimising the per-row variance at one pair (§5.5), with S = ‖x+y‖²:
    ///
    ///     M* = [ (4S − 2d) + √((2d − 4S)² + 64 d S) ] / (32 d)
    ///
    /// M* = 0 at S = 0 and M* > 0 whenever S > 0. `[derived; reconstruction of CRT22's optimum]`
    public static func optimalM(sumSquaredNorm s: Double, dimension d: Int) -> Double {
        let dd = Double(d)
        let a = 4 * s - 2 * dd
        return max(0, (a + (a * a + 64 * dd * s).squareRoot()) / (32 * dd))
    }

    /// One trial: ζⱼ = (1+4M)^(d/2) exp(√(1+4M) gⱼ·(x+y) − (‖x‖²+‖y‖²)/2 − 2M‖gⱼ‖² + b),
    /// averaged over j, computed in log space per pair.
    public func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        let d = pairs.dimension
        let needsNorms: Bool
        if case .value(0) = urfM { needsNorms = false } else { needsNorms = true }
        let g = try SharedGaussianRows(kind: projection, rows: m, dimension: d, stream: stream, needsNorms: needsNorms)
        let px = g.projection.apply(pairs.x), py = g.projection.apply(pairs.y)
        let nx = FeatureRowMath.rowSquaredNorms(pairs.x), ny = FeatureRowMath.rowSquaredNorms(pairs.y)
        return (0..<pairs.count).map { p in
            let mm = parameterM(x: pairs.x.row(p), y: pairs.y.row(p))
            let c = (1 + 4 * mm).squareRoot()
            let base = Double(d) / 2 * Double.log(onePlus: 4 * mm) - (nx[p] + ny[p]) / 2 + bias
            var sum = 0.0
            for j in 0..<m {
                let normTerm = needsNorms ? 2 * mm * g.rowSquaredNorms[j] : 0
                sum += Double.exp(base + c * (px[p, j] + py[p, j]) - normTerm)
            }
            return sum / Double(m)
        }
    }

    public func featureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                           stream: RandomStream) throws -> any FittedFeatureMap {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        let mm = try EstimatorChecks.fixedURFM(urfM)
        let g = try SharedGaussianRows(kind: projection, rows: m, dimension: d, stream: stream, needsNorms: mm != 0)
        return SoftmaxURFFeatureMap(rows: g, parameterM: mm, bias: bias)
    }

    /// The map on rows G the caller drew (a layer's projection, ALGORITHMS.md §6.1),
    /// with this estimator's M and b = 0 on the x side; `weightTower` puts each
    /// neuron's e^{b_r} on the w side, so ⟨φ(x), ψ(w_r, b_r)⟩ estimates exp(w_r·x + b_r).
    ///
    /// Unbiased when G's rows are marginally N(0, I); with SORF rows the
    /// initialisation Ψ(W) is biased (§2.3), the map itself is still usable for a fit.
    public func neuronFeatureMap(sharing projection: any Projection) throws -> any NeuronTowerFeatureMap {
        let mm = try EstimatorChecks.fixedURFM(urfM)
        let g = SharedGaussianRows(projection: projection, needsNorms: mm != 0)
        return SoftmaxURFFeatureMap(rows: g, parameterM: mm, bias: 0)
    }
}

/// The fitted map φ_M of `SoftmaxURFEstimator` (same on both sides).
struct SoftmaxURFFeatureMap: NeuronTowerFeatureMap {
    let rows: SharedGaussianRows
    let parameterM: Double
    let bias: Double

    var inputDimension: Int { rows.dimension }
    var outputWidth: Int { rows.count }
    var isSymmetric: Bool { true }

    /// log of the row-independent factor: (d/4)·log1p(4M) − log(m)/2 + b/2.
    /// At d = 4096, M = 1 this is 1024·log 5 ≈ 1648: finite, though (1+4M)^(d/4) is not.
    var logConstant: Double {
        Double(inputDimension) / 4 * Double.log(onePlus: 4 * parameterM) - Double.log(Double(outputWidth)) / 2 + bias / 2
    }

    var projections: [any Projection] { [rows.projection] }

    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double> { try map(batch) }
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float> { try map(batch) }

    /// Ψ(W): row r is e^{b_r − b/2}·φ(w_r), so ⟨φ(x), ψ_r⟩ = e^{b/2}·e^{b_r − b/2}·⟨φ₀(x), φ₀(w_r)⟩
    /// estimates exp(w_r·x + b_r) (φ₀ the map at b = 0).
    func weightTower(_ weights: Matrix<Double>, biases: [Double]) throws -> Matrix<Double> {
        try checkNeurons(weights, biases: biases)
        var psi = try map(weights)
        let w = psi.columns
        for r in 0..<psi.rows {
            let factor = Double.exp(biases[r] - bias / 2)
            for j in 0..<w { psi.storage[r * w + j] *= factor }
        }
        return try checkFinite(psi)
    }

    private func map<S: BLASScalar>(_ batch: Matrix<S>) throws -> Matrix<S> {
        try checkInput(batch)
        var z = FeatureRowMath.project(rows.projection, batch)
        let norms = FeatureRowMath.rowSquaredNorms(batch)
        let c = (1 + 4 * parameterM).squareRoot()
        let m = outputWidth
        let constant = logConstant
        for p in 0..<batch.rows {
            let rowTerm = constant - norms[p] / 2
            for j in 0..<m {
                let normTerm = parameterM == 0 ? 0 : parameterM * rows.rowSquaredNorms[j]
                // Exponent assembled in Double: log φ = const − ‖x‖²/2 + c g·x − M‖g‖².
                z.storage[p * m + j] = S(Double.exp(rowTerm + c * z.storage[p * m + j].doubleValue - normTerm))
            }
        }
        return try checkFinite(z)
    }
}
