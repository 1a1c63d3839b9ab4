import RandomFeatures

/// EUGen order-k polynomial features on norm-augmented inputs (ALGORITHMS.md §5.10,
/// [EUG]). **Reconstruction**: consistent with the paper's abstract and secondary
/// descriptions, not confirmed against the paper; implemented as written there.
///
///     f(z) = Σ_{i=0}^{k} aᵢ zⁱ,   z = x·w + b
///     x⁺ = [x; 1; ‖x‖],   w⁺ = [w; b; 0]             so that w⁺·x⁺ = w·x + b
///     order i: independent G^i_1 … G^i_i ∈ R^{m×(d+2)}
///     φᵢ(x) = m^{−1/2} ⊙ⱼ (G^i_j x⁺),   ψᵢ(w) = aᵢ m^{−1/2} ⊙ⱼ (G^i_j w⁺)
///     f(w·x + b) ≈ a₀ + Σᵢ ψᵢ(w)ᵀ φᵢ(x)
///
/// Unbiased because the factors are independent and each has E[g gᵀ] = I:
/// E Πⱼ (gⱼ·u)(gⱼ·v) = (u·v)ⁱ. Only that second moment is used, so every projection
/// whose rows satisfy E[g gᵀ] = I qualifies: iid, orthogonal, sorf (E[w wᵀ] = I_p with
/// the √p scaling of §2.3, whose top-left d×d block is I_d), fastfood, circulant
/// (rows marginally N(0, I)) and rademacher. Orthogonality is across the rows of one
/// G^i_j, never across the factors of one feature (§5.3).
///
/// - Parameters: coefficients a₀ … a_k and bias b (from `KernelParameters`).
/// - m counts rows per order: the output has 1 + m·(number of orders i ≥ 1 with aᵢ ≠ 0)
///   columns — a constant column (1 against a₀), then one block of m per order.
/// - Randomness: G^i_j from `stream.child(i, j)`, so both towers share every factor.
public struct EUGenEstimator: FeatureMapEstimator {
    public let coefficients: [Double]
    public let bias: Double

    public static let validProjections: [ProjectionKind] = [.iid, .orthogonal, .sorf, .fastfood, .circulant, .rademacher]

    public init(parameters: KernelParameters) throws {
        try PolynomialChecks.validate(parameters)
        coefficients = parameters.coefficients
        bias = parameters.bias
    }

    public var kernelName: String { "polynomial" }
    public var estimatorName: String { "eugen" }
    public var validProjections: [ProjectionKind] { Self.validProjections }

    public func exact(x: [Double], y: [Double]) throws -> Double {
        try EstimatorChecks.requireSameLength(x, y)
        return PolynomialKernel(coefficients: coefficients, bias: bias).value(x: x, y: y)
    }

    public func validate(x: [Double], y: [Double]) throws {
        try EstimatorChecks.requireSameLength(x, y)
    }

    /// x⁺ = [x; 1; ‖x‖] and w⁺ = [w; b; 0].
    func augmented(_ v: [Double], side: FeatureSide) -> [Double] {
        side == .x ? v + [1, FeatureRowMath.squaredNorm(v).squareRoot()] : v + [bias, 0]
    }

    public func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        let map = try featureMap(inputDimension: pairs.dimension, features: m, projection: projection, stream: stream)
        return try map.pairEstimates(pairs)
    }

    public func featureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                           stream: RandomStream) throws -> any FittedFeatureMap {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        let orders = PolynomialChecks.activeOrders(coefficients)
        let factors = try orders.map { i in
            try (1...i).map { j in
                try projection.draw(rowCount: m, inputDimension: d + 2, options: ProjectionOptions(),
                                    stream: stream.child(UInt64(i), UInt64(j)))
            }
        }
        return EUGenFeatureMap(inputDimension: d, featuresPerOrder: m, coefficients: coefficients, bias: bias,
                               orders: orders, factors: factors)
    }

    /// `featureMap` with its w tower for a whole layer (ALGORITHMS.md §6.3): the same
    /// factors G^i_j (from `stream.child(i, j)`), so maps drawn from one stream with
    /// different coefficients share every factor of the orders they have in common.
    public func neuronFeatureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                                 stream: RandomStream) throws -> any NeuronTowerFeatureMap {
        try featureMap(inputDimension: d, features: m, projection: projection, stream: stream) as! EUGenFeatureMap
    }

    /// Orders i ≥ 1 with aᵢ ≠ 0, ascending: the blocks of the map, in order.
    public var activeOrders: [Int] { PolynomialChecks.activeOrders(coefficients) }
}

/// The fitted map of `EUGenEstimator`.
struct EUGenFeatureMap: NeuronTowerFeatureMap {
    let inputDimension: Int
    let featuresPerOrder: Int
    let coefficients: [Double]
    let bias: Double
    let orders: [Int]
    /// factors[o][j]: G^{orders[o]}_{j+1}.
    let factors: [[any Projection]]

    var outputWidth: Int { 1 + featuresPerOrder * orders.count }
    var isSymmetric: Bool { false }

    /// G^i_j in the order i = orders[0], j = 1…i, then the next order.
    var projections: [any Projection] { factors.flatMap { $0 } }

    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double> { try map(batch, side: side) }
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float> { try map(batch, side: side) }

    /// Ψ(W) = [a₀, ψ_{i}(w_r⁺) for each active order i], with w_r⁺ = [w_r; b_r; 0].
    func weightTower(_ weights: Matrix<Double>, biases: [Double]) throws -> Matrix<Double> {
        try checkNeurons(weights, biases: biases)
        return try map(weights, side: .y, biases: biases)
    }

    private func map<S: BLASScalar>(_ batch: Matrix<S>, side: FeatureSide, biases: [Double]? = nil) throws -> Matrix<S> {
        try checkInput(batch)
        let norms = FeatureRowMath.rowSquaredNorms(batch)
        let plus = FeatureRowMath.appendingColumns(batch, count: 2) { p, k in
            side == .x ? (k == 0 ? 1 : S(norms[p].squareRoot())) : (k == 0 ? S(biases?[p] ?? bias) : 0)
        }
        let m = featuresPerOrder, width = outputWidth
        let scale = 1 / Double(m).squareRoot()
        var out = Matrix<S>(rows: batch.rows, columns: width)
        for p in 0..<batch.rows { out.storage[p * width] = side == .x ? 1 : S(coefficients[0]) }
        for (o, i) in orders.enumerated() {
            let factor = scale * (side == .y ? coefficients[i] : 1)
            var product = [Double](repeating: factor, count: batch.rows * m)
            for g in factors[o] {
                let z = FeatureRowMath.project(g, plus)
                for k in product.indices { product[k] *= z.storage[k].doubleValue }
            }
            for p in 0..<batch.rows {
                for j in 0..<m { out.storage[p * width + 1 + o * m + j] = S(product[p * m + j]) }
            }
        }
        return try checkFinite(out)
    }
}
