import RandomFeatures
import RealModule

/// SNNK universal random features for the activation kernels cos(x·w + b) and
/// sin(x·w + b), with the parameter M (ALGORITHMS.md §5.6; [SNNK], code
/// arijitthegame/neural-network-kernels `create_asym_feats`).
///
/// The complex features with ξ = ±1/(2π) reduce to this real form (equal to the
/// complex one to 1e-14), with c = √(1+4M) and gⱼ ~ N(0, I_d) **shared by both towers**:
///
///     x side:  e^{‖x‖²/2 − M‖gⱼ‖²} (1+4M)^{d/4} m^{−1/2} · [cos(c gⱼ·x); sin(c gⱼ·x)]
///     w side:  e^{−‖w‖²/2 + c gⱼ·w − M‖gⱼ‖²} (1+4M)^{d/4} m^{−1/2} · [cos b; −sin b]   (cos)
///                                                                  · [sin b;  cos b]   (sin)
///     ⟨x side, w side⟩ = (1/m) Σⱼ Rⱼ cos(c gⱼ·x + b)   (or sin),
///     Rⱼ = (1+4M)^{d/2} exp(‖x‖²/2 − ‖w‖²/2 + c gⱼ·w − 2M‖gⱼ‖²)
///
/// Unbiased because E_g exp(c g·(w + i x) − 2M‖g‖²) = (1+4M)^{−d/2} exp((‖w‖² − ‖x‖² + 2i x·w)/2).
/// The bias b belongs to the w tower (the neuron); `--side y` gives the w-side map.
///
/// Goals in order: unbiased; variance through M; no overflow — (1+4M)^{d/4} is kept as
/// (d/4)·log1p(4M) inside the exponent and point-wise estimates combine both towers'
/// exponents before exponentiating (trap §8.4).
///
/// - Parameters (from `KernelParameters`):
///   - bias: b (default 0).
///   - urfM: `.value(M)`, M ≥ 0 (default 0), or `.optimal`: for each pair, the M ≥ 0
///     minimising the closed-form per-row variance, found numerically
///     (`URFParameterSearch`: grid, then GSL Brent). Different pairs get different M;
///     feature maps refuse `.optimal`.
/// - Projections: iid, orthogonal (χ norms), fastfood, circulant (rows marginally N(0, I)).
/// - Output width: 2m (m cosine columns, then m sine columns).
public struct TrigonometricURFEstimator: FeatureMapEstimator {
    public enum Target: String, Sendable, CaseIterable {
        case cos, sin
    }

    public let target: Target
    public let bias: Double
    public let urfM: KernelParameters.URFParameter

    public static let validProjections: [ProjectionKind] = [.iid, .orthogonal, .fastfood, .circulant]

    public init(target: Target, parameters: KernelParameters) throws {
        try EstimatorChecks.validateURFM(parameters.urfM)
        guard parameters.bias.isFinite else { throw EstimatorError("--bias must be a finite number; got \(parameters.bias)") }
        self.target = target
        bias = parameters.bias
        urfM = parameters.urfM
    }

    public var kernelName: String { target.rawValue }
    public var estimatorName: String { "urf" }
    public var validProjections: [ProjectionKind] { Self.validProjections }

    public func exact(x: [Double], y: [Double]) throws -> Double {
        try EstimatorChecks.requireSameLength(x, y)
        return TrigonometricKernel(target == .cos ? .cos : .sin, bias: bias).value(x: x, y: y)
    }

    public func validate(x: [Double], y: [Double]) throws {
        try EstimatorChecks.requireSameLength(x, y)
    }

    /// The M used at the pair: the fixed value, or the numerical minimiser of V1(M).
    public func parameterM(x: [Double], y: [Double]) -> Double {
        switch urfM {
        case .value(let m): return m
        case .optimal:
            return URFParameterSearch.minimise { m in
                Self.logPerRowVariance(target: target, x: x, w: y, bias: bias, parameterM: m)
            }
        }
    }

    /// One trial, per pair in log space: ζⱼ = exp(log Rⱼ) · cos(c gⱼ·x + b) (or sin).
    public func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        let d = pairs.dimension
        let needsNorms: Bool
        if case .value(0) = urfM { needsNorms = false } else { needsNorms = true }
        let g = try SharedGaussianRows(kind: projection, rows: m, dimension: d, stream: stream, needsNorms: needsNorms)
        let px = g.projection.apply(pairs.x), pw = g.projection.apply(pairs.y)
        let nx = FeatureRowMath.rowSquaredNorms(pairs.x), nw = FeatureRowMath.rowSquaredNorms(pairs.y)
        return (0..<pairs.count).map { p in
            let mm = parameterM(x: pairs.x.row(p), y: pairs.y.row(p))
            let c = (1 + 4 * mm).squareRoot()
            let base = Double(d) / 2 * Double.log(onePlus: 4 * mm) + (nx[p] - nw[p]) / 2
            var sum = 0.0
            for j in 0..<m {
                let normTerm = needsNorms ? 2 * mm * g.rowSquaredNorms[j] : 0
                let r = Double.exp(base + c * pw[p, j] - normTerm)
                let angle = c * px[p, j] + bias
                sum += r * (target == .cos ? Double.cos(angle) : Double.sin(angle))
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
        return TrigonometricURFFeatureMap(rows: g, target: target, parameterM: mm, bias: bias)
    }

    /// The map on rows G the caller drew (a layer's projection, ALGORITHMS.md §6.1),
    /// with this estimator's target and M; `weightTower` gives Ψ(W) for a whole layer.
    ///
    /// Unbiased when G's rows are marginally N(0, I) (iid, orthogonal with χ norms,
    /// fastfood, circulant); with other rows (SORF) the map is still a valid feature
    /// map for a layer fitted in closed form, but the initialisation Ψ(W) is biased (§2.3).
    public func neuronFeatureMap(sharing projection: any Projection) throws -> any NeuronTowerFeatureMap {
        let mm = try EstimatorChecks.fixedURFM(urfM)
        let g = SharedGaussianRows(projection: projection, needsNorms: mm != 0)
        return TrigonometricURFFeatureMap(rows: g, target: target, parameterM: mm, bias: bias)
    }
}

/// The fitted two-tower map of `TrigonometricURFEstimator` (2m columns).
struct TrigonometricURFFeatureMap: NeuronTowerFeatureMap {
    let rows: SharedGaussianRows
    let target: TrigonometricURFEstimator.Target
    let parameterM: Double
    let bias: Double

    var inputDimension: Int { rows.dimension }
    var outputWidth: Int { 2 * rows.count }
    var isSymmetric: Bool { false }

    /// log of (1+4M)^{d/4} m^{−1/2}: finite at any d (1024·log 5 at d = 4096, M = 1).
    var logConstant: Double {
        Double(inputDimension) / 4 * Double.log(onePlus: 4 * parameterM) - Double.log(Double(rows.count)) / 2
    }

    var projections: [any Projection] { [rows.projection] }

    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double> { try map(batch, side: side) }
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float> { try map(batch, side: side) }

    /// Ψ(W): the w tower of every neuron, each with its own bias b_r.
    func weightTower(_ weights: Matrix<Double>, biases: [Double]) throws -> Matrix<Double> {
        try checkNeurons(weights, biases: biases)
        return try map(weights, side: .y, biases: biases)
    }

    private func map<S: BLASScalar>(_ batch: Matrix<S>, side: FeatureSide, biases: [Double]? = nil) throws -> Matrix<S> {
        try checkInput(batch)
        let z = FeatureRowMath.project(rows.projection, batch)
        let norms = FeatureRowMath.rowSquaredNorms(batch)
        let m = rows.count, width = outputWidth
        let c = (1 + 4 * parameterM).squareRoot()
        let constant = logConstant
        // The w tower's two columns per row: (cos b, −sin b) for cos, (sin b, cos b) for sin.
        let columnPair = { (b: Double) -> (Double, Double) in
            target == .cos ? (Double.cos(b), -Double.sin(b)) : (Double.sin(b), Double.cos(b))
        }
        let shared = columnPair(bias)
        var out = Matrix<S>(rows: batch.rows, columns: width)
        for p in 0..<batch.rows {
            let (first, second) = biases.map { columnPair($0[p]) } ?? shared
            for j in 0..<m {
                let normTerm = parameterM == 0 ? 0 : parameterM * rows.rowSquaredNorms[j]
                let t = z.storage[p * m + j].doubleValue
                switch side {
                case .x:
                    let scale = Double.exp(constant + norms[p] / 2 - normTerm)
                    out.storage[p * width + j] = S(scale * Double.cos(c * t))
                    out.storage[p * width + m + j] = S(scale * Double.sin(c * t))
                case .y:
                    let scale = Double.exp(constant - norms[p] / 2 + c * t - normTerm)
                    out.storage[p * width + j] = S(scale * first)
                    out.storage[p * width + m + j] = S(scale * second)
                }
            }
        }
        return try checkFinite(out)
    }
}
