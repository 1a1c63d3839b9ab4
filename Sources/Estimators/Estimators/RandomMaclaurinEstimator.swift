import RandomFeatures
import RealModule

/// Random Maclaurin features for a dot-product kernel f(x·y + b) = Σₙ aₙ (x·y + b)ⁿ
/// (Kar & Karnick, AISTATS 2012, [KK12]; ALGORITHMS.md §5.8).
///
///     N ~ P(N = n) = 2^{−(n+1)} (n ≥ 0),   ω₁ … ω_N iid rows (Rademacher ±1, or N(0, I))
///     x side:            √(|a_N|/P(N)) Πⱼ ωⱼ·x̃ / √m
///     y side:  sign(a_N) √(|a_N|/P(N)) Πⱼ ωⱼ·ỹ / √m        E[x side · y side] = Σₙ aₙ (x̃·ỹ)ⁿ
///
/// Each of the m features draws its own N and its own N rows, independent of every
/// other factor (§5.3: product estimators need independent factors). Putting the sign
/// of a_N on the y side allows signed coefficients (e.g. activations such as GELU).
/// With a bias b ≠ 0 the inputs are augmented, x̃ = [x; 1] and ỹ = [y; b], so that
/// x̃·ỹ = x·y + b; with b = 0, x̃ = x.
///
/// Variants:
/// - `plain` (the catalogue's `maclaurin`): as above.
/// - `exactLowOrder` (KK12's H0/1): the terms a₀ + a₁ z are carried exactly by d̃ + 1
///   deterministic columns ([1, x̃] against [a₀, a₁ ỹ]); N ≥ 2 is drawn from
///   P'(n) = 2^{−(n−1)}.
///
/// - Projections: `rademacher` (KK12) and `iid` (Gaussian rows); the two have
///   different variances (the Rademacher one carries a −2Σ x̃ᵣ²ỹᵣ² term). Rows are
///   drawn as one stacked matrix, so only projections with independent rows qualify.
/// - Features with a_N = 0 (N above the degree of a polynomial) are zero columns: they
///   still count towards m, as in KK12. Output width: m (plus d̃ + 1 for `exactLowOrder`).
public struct RandomMaclaurinEstimator: FeatureMapEstimator {
    public enum Variant: String, Sendable, CaseIterable {
        case plain
        case exactLowOrder = "h01"
    }

    public let series: DotProductSeries
    public let bias: Double
    public let variant: Variant
    public let kernelName: String

    public static let validProjections: [ProjectionKind] = [.iid, .rademacher]

    /// The catalogue's `polynomial`/`maclaurin`: Σᵢ aᵢ (x·y + b)ⁱ.
    public init(parameters: KernelParameters, variant: Variant = .plain) throws {
        try PolynomialChecks.validate(parameters)
        self.init(series: .polynomial(parameters.coefficients), bias: parameters.bias, variant: variant, kernelName: "polynomial")
    }

    /// Any dot-product series, e.g. `.exponential` for exp(x·y + b).
    public init(series: DotProductSeries, bias: Double, variant: Variant = .plain, kernelName: String) {
        self.series = series
        self.bias = bias
        self.variant = variant
        self.kernelName = kernelName
    }

    public var estimatorName: String { "maclaurin" }
    public var validProjections: [ProjectionKind] { Self.validProjections }

    public func exact(x: [Double], y: [Double]) throws -> Double {
        try EstimatorChecks.requireSameLength(x, y)
        return series.value(FeatureRowMath.dot(x, y) + bias)
    }

    public func validate(x: [Double], y: [Double]) throws {
        try EstimatorChecks.requireSameLength(x, y)
    }

    /// log(1/P(n)): (n+1) log 2 for `plain`, (n−1) log 2 for `exactLowOrder`.
    func logInverseProbability(_ n: Int) -> Double {
        Double(variant == .plain ? n + 1 : n - 1) * Double.log(2)
    }

    /// Draws N for each of the m features from `stream.child(0)`: the number of
    /// trailing zero bits of a uniform 64-bit word has P(n) = 2^{−(n+1)}.
    func degrees(count m: Int, stream: RandomStream) -> [Int] {
        var g = stream.child(0)
        return (0..<m).map { _ in
            var word = g.next()
            while word == 0 { word = g.next() }
            return word.trailingZeroBitCount + (variant == .plain ? 0 : 2)
        }
    }

    public func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        let map = try featureMap(inputDimension: pairs.dimension, features: m, projection: projection, stream: stream)
        return try map.pairEstimates(pairs)
    }

    public func featureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                           stream: RandomStream) throws -> any FittedFeatureMap {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        let augmentedDimension = bias == 0 ? d : d + 1
        let n = degrees(count: m, stream: stream)
        // Only features with a_N ≠ 0 need rows; the rest are zero columns.
        let active = n.map { series.coefficient($0) != 0 }
        let rowCount = zip(n, active).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
        let rows = rowCount == 0 ? nil
            : try projection.draw(rowCount: rowCount, inputDimension: augmentedDimension, options: ProjectionOptions(), stream: stream.child(1))
        let scales = n.map { k -> Double in
            let a = series.coefficient(k)
            return a == 0 ? 0 : Double.exp((Double.log(abs(a)) + logInverseProbability(k) - Double.log(Double(m))) / 2)
        }
        let signs = n.map { series.coefficient($0) < 0 ? -1.0 : 1.0 }
        return RandomMaclaurinFeatureMap(
            inputDimension: d, bias: bias, variant: variant, degrees: n, active: active, rows: rows,
            scales: scales, ySigns: signs, lowOrder: (series.coefficient(0), series.coefficient(1)))
    }
}

/// The fitted map of `RandomMaclaurinEstimator`.
struct RandomMaclaurinFeatureMap: FittedFeatureMap {
    let inputDimension: Int
    let bias: Double
    let variant: RandomMaclaurinEstimator.Variant
    let degrees: [Int]
    let active: [Bool]
    let rows: (any Projection)?
    let scales: [Double]
    let ySigns: [Double]
    let lowOrder: (Double, Double)

    var augmentedDimension: Int { bias == 0 ? inputDimension : inputDimension + 1 }
    var exactColumns: Int { variant == .exactLowOrder ? augmentedDimension + 1 : 0 }
    var outputWidth: Int { exactColumns + degrees.count }
    var isSymmetric: Bool { false }

    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double> { try map(batch, side: side) }
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float> { try map(batch, side: side) }

    private func map<S: BLASScalar>(_ batch: Matrix<S>, side: FeatureSide) throws -> Matrix<S> {
        try checkInput(batch)
        let augmented = bias == 0 ? batch
            : FeatureRowMath.appendingColumns(batch, count: 1) { _, _ in side == .x ? 1 : S(bias) }
        let projected = rows.map { FeatureRowMath.project($0, augmented) }
        let width = outputWidth, dd = augmentedDimension
        let rowCount = rows?.rowCount ?? 0
        var out = Matrix<S>(rows: batch.rows, columns: width)
        for p in 0..<batch.rows {
            if variant == .exactLowOrder {
                // [1, x̃] against [a₀, a₁ ỹ]: a₀ + a₁ x̃·ỹ exactly.
                out.storage[p * width] = side == .x ? 1 : S(lowOrder.0)
                let factor = side == .x ? 1 : lowOrder.1
                for k in 0..<dd {
                    out.storage[p * width + 1 + k] = S(factor * augmented.storage[p * dd + k].doubleValue)
                }
            }
            var next = 0
            for (k, n) in degrees.enumerated() where active[k] {
                var product = scales[k] * (side == .y ? ySigns[k] : 1)
                for j in 0..<n { product *= projected!.storage[p * rowCount + next + j].doubleValue }
                next += n
                out.storage[p * width + exactColumns + k] = S(product)
            }
        }
        return try checkFinite(out)
    }
}
