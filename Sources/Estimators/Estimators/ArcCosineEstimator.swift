import RandomFeatures
import RealModule

/// Arc-cosine random features of order n ([CS09]; ALGORITHMS.md §4, §5.7), w ~ N(0, I):
///
///     φ(x) = √(2/m) Θ(Wx) ⊙ (Wx)ⁿ          (m columns, same map on both sides)
///     E⟨φ(x), φ(y)⟩ = 2 · E[Θ(w·x)Θ(w·y)(w·x)ⁿ(w·y)ⁿ] = kₙ(x, y)
///
/// | kernel    | estimator   | n | feature            |
/// |-----------|-------------|---|--------------------|
/// | `arccos0` | `heaviside` | 0 | √(2/m) Θ(w·x)      |
/// | `arccos1` | `relu`      | 1 | √(2/m) max(w·x, 0) |
///
/// `relu` is SNNK's ReLU map ([SNNK], `phi_relu_mapping_torch` with c = 0) scaled by
/// √(2/m) instead of 1/√m, so that it estimates k₁ itself; SNNK's map estimates k₁/2.
///
/// - Projections: iid, orthogonal, fastfood, circulant. Only the direction of w and
///   E‖w‖^{2n} = dⁿ matter for n ≤ 1, so orthogonal rows with χ or fixed norms are unbiased
///   (§2.2); SORF's structured directions are not uniform and its bias is unknown, so it is refused.
/// - Variance: closed form per row for iid rows (`perRowVariance`), else nil.
/// - Inputs: arccos0 refuses zero vectors (no angle; Θ(0) is a convention).
public struct ArcCosineEstimator: FeatureMapEstimator {
    public let kernel: ArcCosineKernel

    public static let validProjections: [ProjectionKind] = [.iid, .orthogonal, .fastfood, .circulant]

    public init(order: Int) {
        precondition(order == 0 || order == 1, "arc-cosine features are offered for orders 0 and 1")
        kernel = ArcCosineKernel(order: order)
    }

    public var order: Int { kernel.order }
    public var kernelName: String { kernel.name }
    public var estimatorName: String { order == 0 ? "heaviside" : "relu" }
    public var validProjections: [ProjectionKind] { Self.validProjections }

    public func exact(x: [Double], y: [Double]) throws -> Double {
        try validate(x: x, y: y)
        return kernel.value(x: x, y: y)
    }

    public func validate(x: [Double], y: [Double]) throws {
        try EstimatorChecks.requireSameLength(x, y)
        if order == 0 && (FeatureRowMath.squaredNorm(x) == 0 || FeatureRowMath.squaredNorm(y) == 0) {
            throw EstimatorError("arccos0 is undefined at a zero vector (1 − θ/π needs an angle); give non-zero x and y")
        }
    }

    public func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        for p in 0..<pairs.count { try validate(x: pairs.x.row(p), y: pairs.y.row(p)) }
        let fitted = try featureMap(inputDimension: pairs.dimension, features: m, projection: projection, stream: stream)
        return try fitted.pairEstimates(pairs)
    }

    public func featureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                           stream: RandomStream) throws -> any FittedFeatureMap {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        let rows = try projection.draw(rowCount: m, inputDimension: d, options: ProjectionOptions(), stream: stream.child(0))
        return ArcCosineFeatureMap(rows: rows, order: order)
    }

    /// Per-row variance of ζ = 2Θ(g·x)Θ(g·y)(g·x)ⁿ(g·y)ⁿ `[derived, MC 4e6]`:
    ///
    ///     V1 = 4 ‖x‖^{2n}‖y‖^{2n} [ J_{2n}(θ)/(2π) − Jₙ(θ)²/(4π²) ]
    ///
    /// (§5.7 gives the bracket for the 1/√m normalisation; √(2/m) multiplies it by 4.)
    public func perRowVariance(x: [Double], y: [Double]) -> Double {
        let theta = ArcCosineKernel.angle(x, y)
        let norms = Double.pow(FeatureRowMath.squaredNorm(x) * FeatureRowMath.squaredNorm(y), Double(order))
        if norms == 0 { return 0 }
        let jn = ArcCosineKernel.j(order, theta)
        return 4 * norms * (ArcCosineKernel.j(2 * order, theta) / (2 * Double.pi) - jn * jn / (4 * Double.pi * Double.pi))
    }

    public func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard projection == .iid, x.count == y.count, m >= 1 else { return nil }
        return perRowVariance(x: x, y: y) / Double(m)
    }
}

/// The fitted map of `ArcCosineEstimator` (m columns, symmetric).
struct ArcCosineFeatureMap: FittedFeatureMap {
    let rows: any Projection
    let order: Int

    var inputDimension: Int { rows.inputDimension }
    var outputWidth: Int { rows.rowCount }
    var isSymmetric: Bool { true }

    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double> { try apply(batch) }
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float> { try apply(batch) }

    private func apply<S: BLASScalar>(_ batch: Matrix<S>) throws -> Matrix<S> {
        try checkInput(batch)
        var z = FeatureRowMath.project(rows, batch)
        RectifiedColumns.apply(&z, order: order, scale: (2 / Double(rows.rowCount)).squareRoot())
        return z
    }
}
