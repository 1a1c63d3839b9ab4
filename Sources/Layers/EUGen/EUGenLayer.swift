import Estimators
import RandomFeatures
import RealModule

/// The EUGen layer of order k (Kim et al., "EUGens: Efficient, Unified, and General
/// Dense Layers", NeurIPS 2025; ALGORITHMS.md §5.10, §6.3 — **reconstruction**,
/// consistent with the abstract and secondary descriptions, not confirmed against
/// the paper):
///
///     y = W₀ + Σ_{i=1}^{k} Wᵢ φᵢ(x),   Wᵢ ∈ R^{l×m} (trainable),  W₀ ∈ R^l
///     x⁺ = [x; 1; ‖x‖],   φᵢ(x) = m^{−1/2} ⊙_{j=1}^{i} (G^i_j x⁺),   G^i_j ∈ R^{m×(d+2)} fixed
///
/// The factors G^i_j are those of `EUGenEstimator` (drawn from
/// `RandomStream(seed:).child(i, j)`), regenerated from the seed, so they cost no bytes.
/// For a polynomial activation f(z) = Σ aᵢ zⁱ the initialisation Wᵢ = Ψᵢ(W) (rows
/// aᵢ m^{−1/2} ⊙ⱼ G^i_j w⁺, w⁺ = [w; b; 0]) and W₀ = a₀ reproduce f(Wx + b) in
/// expectation; the layer-wise transfer fits [W₁ … W_k W₀] in closed form for any f.
///
/// - Complexity: per input Σᵢ i·(cost of one m × (d+2) projection) + k·m products
///   + k·m·l for the output; parameters k·m·l + l.
public struct EUGenLayer: FittableLayer {
    public static let kindName = "eugen"
    /// k when the request gives none (secondary sources: k ≤ 2 in practice).
    public static let defaultOrder = 2

    public let activation: Activation
    public let polynomialCoefficients: [Double]
    public let inputDimension: Int
    public let outputDimension: Int
    /// m: rows per order.
    public let features: Int
    /// k ≥ 1.
    public let order: Int
    public let projectionKind: ProjectionKind
    public let seed: UInt64
    /// factors[i − 1][j − 1] = G^i_j, m × (d+2).
    public let factors: [[any Projection]]
    /// [W₁ … W_k], l × (k·m) (Float, as the forward pass uses it).
    public let outputWeights: Matrix<Float>
    /// W₀, l entries.
    public let outputBias: [Float]

    public var kind: String { Self.kindName }
    public var featureWidth: Int { order * features }
    public var parameterCount: Int { outputDimension * featureWidth + outputDimension }
    public var storedBytes: Int { parameterCount * MemoryLayout<Float>.size }
    public var multiplyAddsPerInput: Int {
        let one = RandomFeatureProjection.multiplyAdds(kind: projectionKind, rows: features, dimension: inputDimension + 2)
        let products = (1...order).reduce(0) { $0 + $1 * (one + features) }
        return inputDimension + products + outputDimension * featureWidth
    }

    public init(activation: Activation, polynomialCoefficients: [Double] = [], inputDimension: Int, features: Int,
                order: Int, projection: ProjectionKind, seed: UInt64,
                outputWeights: Matrix<Float>, outputBias: [Float]) throws {
        guard inputDimension >= 1 else { throw LayerError("eugen: the input dimension must be at least 1; got \(inputDimension)") }
        guard features >= 1 else { throw LayerError("--features must be at least 1 for kind eugen; got \(features)") }
        guard (1...8).contains(order) else { throw LayerError("--order must be in 1...8 for kind eugen; got \(order)") }
        try RandomFeatureProjection.requireAccepted(projection, layer: "kind eugen")
        guard outputWeights.columns == order * features else {
            throw LayerError("eugen: the output weights have \(outputWeights.columns) columns, expected k·m = \(order * features)")
        }
        guard outputBias.count == outputWeights.rows else {
            throw LayerError("eugen: W₀ has \(outputBias.count) entries, expected \(outputWeights.rows)")
        }
        self.activation = activation
        self.polynomialCoefficients = polynomialCoefficients
        self.inputDimension = inputDimension
        outputDimension = outputWeights.rows
        self.features = features
        self.order = order
        projectionKind = projection
        self.seed = seed
        let map = try Self.featureMap(coefficients: [Double](repeating: 1, count: order + 1), inputDimension: inputDimension,
                                      features: features, projection: projection, seed: seed)
        var flat = map.projections[...]
        factors = (1...order).map { i in
            let block = Array(flat.prefix(i))
            flat = flat.dropFirst(i)
            return block
        }
        self.outputWeights = outputWeights
        self.outputBias = outputBias
    }

    /// `EUGenEstimator`'s map for `coefficients` on the layer's stream.
    static func featureMap(coefficients: [Double], inputDimension d: Int, features m: Int,
                           projection: ProjectionKind, seed: UInt64) throws -> any NeuronTowerFeatureMap {
        do {
            return try EUGenEstimator(parameters: KernelParameters(coefficients: coefficients))
                .neuronFeatureMap(inputDimension: d, features: m, projection: projection, stream: RandomStream(seed: seed))
        } catch {
            throw LayerError("eugen: \(error)")
        }
    }

    // MARK: - Forward pass

    /// y = W₀ + [φ₁(x) … φ_k(x)] [W₁ … W_k]ᵀ for every row.
    public func forward(_ batch: Matrix<Float>) throws -> Matrix<Float> {
        guard batch.columns == inputDimension else {
            throw LayerError("--input: rows have \(batch.columns) values but the eugen layer takes \(inputDimension)")
        }
        let f = inputFeatures(batch)
        var y = FeatureKernels.outputProduct(f, outputWeights)
        FeatureKernels.addRowVector(&y, outputBias)
        return y
    }

    /// [φ₁(X) … φ_k(X)], n × (k·m), in the batch's precision.
    public func inputFeatures<S: BLASScalar>(_ batch: Matrix<S>) -> Matrix<S> {
        let n = batch.rows, d = inputDimension, m = features, width = featureWidth
        let norms = FeatureKernels.rowSquaredNorms(batch)
        var plus = Matrix<S>(rows: n, columns: d + 2)
        batch.storage.withUnsafeBufferPointer { xb in
            plus.storage.withUnsafeMutableBufferPointer { pb in
                for p in 0..<n {
                    for k in 0..<d { pb[p * (d + 2) + k] = xb[p * d + k] }
                    pb[p * (d + 2) + d] = 1
                    pb[p * (d + 2) + d + 1] = S(norms[p].squareRoot())
                }
            }
        }
        let scale = S(1 / Double(m).squareRoot())
        var out = Matrix<S>(rows: n, columns: width)
        for (o, block) in factors.enumerated() {
            var product = RandomFeatureProjection.apply(block[0], plus)
            for g in block.dropFirst() {
                let z = RandomFeatureProjection.apply(g, plus)
                product.storage.withUnsafeMutableBufferPointer { pb in
                    z.storage.withUnsafeBufferPointer { zb in
                        for k in pb.indices { pb[k] *= zb[k] }
                    }
                }
            }
            product.storage.withUnsafeBufferPointer { pb in
                out.storage.withUnsafeMutableBufferPointer { ob in
                    for p in 0..<n {
                        for j in 0..<m { ob[p * width + o * m + j] = pb[p * m + j] * scale }
                    }
                }
            }
        }
        return out
    }
}
