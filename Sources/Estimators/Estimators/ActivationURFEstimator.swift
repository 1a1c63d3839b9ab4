import RandomFeatures
import RealModule

/// Universal random features for an activation f given by its Fourier transform,
/// with the **balanced split** (ALGORITHMS.md §5.6 `[derived here, not from the paper]`).
///
///     f(z) = E_{u~p}[ (F̃(u)/p(u)) e^{iuz} ],   z = x·w + b
///     Φⱼ(x) = exp(√(iuⱼ) gⱼ·x − iuⱼ‖x‖²/2),   Ψⱼ(w) = exp(√(iuⱼ) gⱼ·w − iuⱼ‖w‖²/2 + iuⱼb)
///     E_g[Φⱼ Ψⱼ] = e^{iuⱼ(x·w + b)}   ⇒   f(x·w + b) ≈ Re (1/m) Σⱼ (F̃/p)(uⱼ) Φⱼ(x) Ψⱼ(w)
///
/// with gⱼ ~ N(0, I_d) shared by both towers and √(iu) the principal root,
/// √(iu) = √(|u|/2)·(1 + i·sign u). The proposal p is the transform itself, so the
/// importance weight F̃/p is f(0) = 1 for both activations offered:
///
/// | kernel              | f(z)          | u ~ p         | E\|Z\|², t = ‖x+w‖²      |
/// |---------------------|---------------|---------------|---------------------------|
/// | `gauss-activation`  | exp(−z²/2)    | N(0, 1)       | 2 e^{t²/2} Φ_N(t)        |
/// | `cauchy-activation` | 1/(1 + z²)    | Laplace(0, 1) | 1/(1 − t), only if t < 1 |
///
/// Why balanced: the plain split (all of a = iu on the x side) has an infinite
/// mean for the Laplace-tailed cauchy-activation at every x ≠ 0; the balanced one
/// has finite variance exactly when ‖x+w‖² < 1, and `validate` refuses the rest.
///
/// The real form, as used by `featureMap` (2m columns), with r = √(|u|/2), s = sign u:
///
///     x side:  m^{−1/2} e^{r g·x} [cos θₓ; sin θₓ],    θₓ = s r g·x − u‖x‖²/2
///     w side:  m^{−1/2} e^{r g·w} [cos θ_w; −sin θ_w], θ_w = s r g·w − u‖w‖²/2 + u b
///
/// - Parameters: bias b (on the w tower); `--urf-m` must be 0 (the balanced-split
///   variance is derived for M = 0 only).
/// - Projections: iid, orthogonal (χ norms), fastfood, circulant (rows marginally N(0, I)).
public struct ActivationURFEstimator: FeatureMapEstimator {
    /// The activation f and its Fourier proposal (the exact kernel's own enum).
    public typealias Activation = FourierActivationKernel.Activation

    public let activation: Activation
    public let bias: Double

    public static let validProjections: [ProjectionKind] = [.iid, .orthogonal, .fastfood, .circulant]

    public init(activation: Activation, parameters: KernelParameters) throws {
        guard parameters.bias.isFinite else { throw EstimatorError("--bias must be a finite number; got \(parameters.bias)") }
        guard case .value(0) = parameters.urfM else {
            throw EstimatorError("--urf-m must be 0 for \(activation.rawValue) urf (the balanced-split variance theory of ALGORITHMS.md §5.6 is for M = 0); got \(parameters.urfM)")
        }
        self.activation = activation
        bias = parameters.bias
    }

    public var kernelName: String { activation.rawValue }
    public var estimatorName: String { "urf" }
    public var validProjections: [ProjectionKind] { Self.validProjections }

    public func exact(x: [Double], y: [Double]) throws -> Double {
        try EstimatorChecks.requireSameLength(x, y)
        return FourierActivationKernel(activation, bias: bias).value(x: x, y: y)
    }

    /// For cauchy-activation, one estimate's fourth moment is finite only for
    /// t = ‖x+w‖² < 1/4: |Z|⁴ = e^{4r g·(x+w)} has E_g = e^{8r²t} = e^{4|u|t}, and
    /// E_u e^{4|u|t} = 1/(1 − 4t) under Laplace(0, 1) (`ActivationURFEstimator+FourthMoment.swift`;
    /// ALGORITHMS.md §5.6 and §7.1 say 1/2). Its variance is finite only for t < 1.
    /// Always finite for gauss-activation, though astronomically large at ‖x+w‖² of
    /// order 1 (`fourthCentralMomentTheory`).
    public func hasFiniteFourthMoment(x: [Double], y: [Double]) -> Bool {
        activation != .cauchy || 4 * Self.sumSquaredNorm(x, y) < 1
    }

    /// Refuses, for cauchy-activation, pairs with ‖x+w‖² ≥ 1: there the estimator's
    /// variance E|Z|² = 1/(1 − ‖x+w‖²) is infinite (the sample mean does not settle).
    public func validate(x: [Double], y: [Double]) throws {
        try EstimatorChecks.requireSameLength(x, y)
        if activation == .cauchy {
            let t = Self.sumSquaredNorm(x, y)
            guard t < 1 else {
                throw EstimatorError("cauchy-activation urf refuses this pair: ‖x+w‖² = \(t) >= 1, where the balanced URF estimator has infinite variance (E|Z|² = 1/(1 − ‖x+w‖²)); scale x or w so that ‖x+w‖ < 1")
            }
        }
    }

    static func sumSquaredNorm(_ x: [Double], _ y: [Double]) -> Double {
        zip(x, y).reduce(0.0) { $0 + ($1.0 + $1.1) * ($1.0 + $1.1) }
    }

    /// Draws uⱼ, j = 1…m, from `stream.child(1)` (G comes from `stream.child(0)`).
    func frequencies(count m: Int, stream: RandomStream) -> [Double] {
        var g = stream.child(1)
        return (0..<m).map { _ in activation.frequency(using: &g) }
    }

    /// One trial: Re (1/m) Σⱼ Φⱼ(x) Ψⱼ(w) = (1/m) Σⱼ e^{r(g·x + g·w)} cos(θₓ + θ_w).
    public func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        for p in 0..<pairs.count { try validate(x: pairs.x.row(p), y: pairs.y.row(p)) }
        let g = try SharedGaussianRows(kind: projection, rows: m, dimension: pairs.dimension, stream: stream, needsNorms: false)
        let u = frequencies(count: m, stream: stream)
        let px = g.projection.apply(pairs.x), pw = g.projection.apply(pairs.y)
        let nx = FeatureRowMath.rowSquaredNorms(pairs.x), nw = FeatureRowMath.rowSquaredNorms(pairs.y)
        return (0..<pairs.count).map { p in
            var sum = 0.0
            for j in 0..<m {
                let r = (abs(u[j]) / 2).squareRoot(), s: Double = u[j] < 0 ? -1 : 1
                let tx = px[p, j], tw = pw[p, j]
                let angle = s * r * (tx + tw) - u[j] * (nx[p] + nw[p]) / 2 + u[j] * bias
                sum += Double.exp(r * (tx + tw)) * Double.cos(angle)
            }
            return sum / Double(m)
        }
    }

    public func featureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                           stream: RandomStream) throws -> any FittedFeatureMap {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        let g = try SharedGaussianRows(kind: projection, rows: m, dimension: d, stream: stream, needsNorms: false)
        return ActivationURFFeatureMap(rows: g, frequencies: frequencies(count: m, stream: stream), bias: bias)
    }
}

/// The fitted balanced-split map of `ActivationURFEstimator` (2m columns).
struct ActivationURFFeatureMap: FittedFeatureMap {
    let rows: SharedGaussianRows
    let frequencies: [Double]
    let bias: Double

    var inputDimension: Int { rows.dimension }
    var outputWidth: Int { 2 * rows.count }
    var isSymmetric: Bool { false }

    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double> { try map(batch, side: side) }
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float> { try map(batch, side: side) }

    private func map<S: BLASScalar>(_ batch: Matrix<S>, side: FeatureSide) throws -> Matrix<S> {
        try checkInput(batch)
        let z = FeatureRowMath.project(rows.projection, batch)
        let norms = FeatureRowMath.rowSquaredNorms(batch)
        let m = rows.count, width = outputWidth
        let logScale = -Double.log(Double(m)) / 2
        let b = side == .y ? bias : 0
        let sineSign: Double = side == .x ? 1 : -1
        var out = Matrix<S>(rows: batch.rows, columns: width)
        for p in 0..<batch.rows {
            for j in 0..<m {
                let u = frequencies[j]
                let r = (abs(u) / 2).squareRoot(), s: Double = u < 0 ? -1 : 1
                let t = z.storage[p * m + j].doubleValue
                let magnitude = Double.exp(logScale + r * t)
                let angle = s * r * t - u * norms[p] / 2 + u * b
                out.storage[p * width + j] = S(magnitude * Double.cos(angle))
                out.storage[p * width + m + j] = S(sineSign * magnitude * Double.sin(angle))
            }
        }
        return try checkFinite(out)
    }
}

extension FourierActivationKernel.Activation {
    /// One frequency u from the proposal p = F̃ (weight F̃/p = f(0) = 1).
    func frequency(using g: inout RandomStream) -> Double {
        switch self {
        case .gauss: return Sampling.normal(using: &g)
        case .cauchy: return Sampling.laplace(using: &g)
        }
    }
}
