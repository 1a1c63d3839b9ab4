import Estimators
import RandomFeatures
import RealModule

/// The SNNK layer (Sehanobish et al., "Scalable Neural Network Kernels", ICLR 2024;
/// ALGORITHMS.md §6.1, code arijitthegame/neural-network-kernels NNK / NNK_Relu):
/// a dense layer y = f(Wx + b) replaced by a linear map of random features,
///
///     y ≈ Ψ φ(x) + β,     Ψ ∈ R^{l×m'} (trainable),  φ(x) ∈ R^{m'} from a fixed G ∈ R^{m×d}
///
/// with φ the URF x tower of the activation's family (`SNNKFeatureFamily`): the
/// real cos/sin re-parametrisation (m' = 2m) for cos and sin, positive features
/// for exp, ReLU-SNNK features (m' = m) for relu. G is regenerated from the seed
/// and costs no bytes; Ψ and β are the learned arrays.
///
/// Two ways to get Ψ (`SNNKLayer+Fit.swift`): the initialisation Ψ(W) from the
/// teacher's w tower (unbiased for cos, sin, exp with Gaussian rows), and the
/// layer-wise transfer, a closed-form ridge fit of [Ψ β] on the teacher's outputs.
///
/// - Complexity: per input, m·d for the projection (O(m log d) with SORF), m'
///   nonlinearities, l·m' for the output product; l·d for the dense layer it replaces.
public struct SNNKLayer: FittableLayer {
    public static let kindName = "snnk"

    public let activation: Activation
    public let family: SNNKFeatureFamily
    public let inputDimension: Int
    public let outputDimension: Int
    /// m: random rows of G.
    public let features: Int
    public let projectionKind: ProjectionKind
    public let seed: UInt64
    /// G, m × d, drawn from `seed` (`RandomStream(seed:).child(0)`).
    public let projection: any Projection
    /// relu only: g₀ ~ N(0, I_m) from `RandomStream(seed:).child(1)`, the column of
    /// G̃ = [G | g₀] that meets the constant coordinate of x̃ = [x; 1] (empty otherwise).
    public let offsets: [Float]
    /// Ψ, l × m' (Float, as the forward pass uses it).
    public let outputWeights: Matrix<Float>
    /// β, l entries.
    public let outputBias: [Float]

    public var kind: String { Self.kindName }
    /// m' = 2m (cos, sin) or m (exp, relu).
    public var featureWidth: Int { family.width(features: features) }
    public var parameterCount: Int { outputDimension * featureWidth + outputDimension }
    public var storedBytes: Int { parameterCount * MemoryLayout<Float>.size }
    public var multiplyAddsPerInput: Int {
        RandomFeatureProjection.multiplyAdds(kind: projectionKind, rows: features, dimension: inputDimension)
            + featureWidth + outputDimension * featureWidth
    }

    /// A layer with given output weights on the projection drawn from `seed`.
    ///
    /// - Parameters:
    ///   - features: m ≥ 1.
    ///   - projection: iid, orthogonal or sorf.
    ///   - outputWeights: Ψ, d_out × m' (m' = `family.width(features: m)`).
    ///   - outputBias: β, d_out entries.
    public init(activation: Activation, inputDimension: Int, features: Int, projection: ProjectionKind,
                seed: UInt64, outputWeights: Matrix<Float>, outputBias: [Float]) throws {
        let family = try SNNKFeatureFamily(activation: activation)
        guard inputDimension >= 1 else { throw LayerError("snnk: the input dimension must be at least 1; got \(inputDimension)") }
        guard features >= 1 else { throw LayerError("--features must be at least 1 for kind snnk; got \(features)") }
        try RandomFeatureProjection.requireAccepted(projection, layer: "kind snnk")
        let width = family.width(features: features)
        guard outputWeights.columns == width else {
            throw LayerError("snnk: Ψ has \(outputWeights.columns) columns, expected m' = \(width)")
        }
        guard outputBias.count == outputWeights.rows else {
            throw LayerError("snnk: β has \(outputBias.count) entries, expected \(outputWeights.rows)")
        }
        self.activation = activation
        self.family = family
        self.inputDimension = inputDimension
        outputDimension = outputWeights.rows
        self.features = features
        projectionKind = projection
        self.seed = seed
        self.projection = try Self.drawProjection(projection, features: features, inputDimension: inputDimension, seed: seed)
        offsets = family == .relu ? Self.drawOffsets(features: features, seed: seed) : []
        self.outputWeights = outputWeights
        self.outputBias = outputBias
    }

    /// G from the seed: `stream.child(0)`, as the URF estimators draw their shared rows.
    static func drawProjection(_ kind: ProjectionKind, features m: Int, inputDimension d: Int, seed: UInt64) throws -> any Projection {
        do {
            return try kind.draw(rowCount: m, inputDimension: d, options: RandomFeatureProjection.options(for: kind),
                                 stream: RandomStream(seed: seed).child(0))
        } catch {
            throw LayerError("--projection \(kind.rawValue): \(error)")
        }
    }

    /// g₀ from `RandomStream(seed:).child(1)`, m entries N(0, 1).
    static func drawOffsets(features m: Int, seed: UInt64) -> [Float] {
        var g = RandomStream(seed: seed).child(1)
        return (0..<m).map { _ in Float(Sampling.normal(using: &g)) }
    }

    // MARK: - Forward pass

    /// y = Ψ φ(x) + β for every row: projection, one pass of nonlinearities, one GEMM.
    public func forward(_ batch: Matrix<Float>) throws -> Matrix<Float> {
        guard batch.columns == inputDimension else {
            throw LayerError("--input: rows have \(batch.columns) values but the snnk layer takes \(inputDimension)")
        }
        let f = try inputFeatures(batch)
        var y = FeatureKernels.outputProduct(f, outputWeights)
        FeatureKernels.addRowVector(&y, outputBias)
        if let bad = y.storage.firstIndex(where: { !$0.isFinite }) {
            throw LayerError("snnk: output row \(bad / max(outputDimension, 1)) is not finite in Float; scale the inputs down")
        }
        return y
    }

    /// φ(X), n × m', in the batch's precision: the x tower of the family.
    ///
    ///     cos, sin:  e^{‖x‖²/2 − log(m)/2} [cos Gx; sin Gx]   (e^{…} per row, in Double)
    ///     exp:       exp(Gx − ‖x‖²/2 − log(m)/2)
    ///     relu:      max(Gx + g₀, 0)/√m = max(G̃ x̃, 0)/√m,  x̃ = [x; 1]
    public func inputFeatures<S: BLASScalar>(_ batch: Matrix<S>) throws -> Matrix<S> {
        var z = RandomFeatureProjection.apply(projection, batch)
        let halfLogM = Double.log(Double(features)) / 2
        switch family {
        case .cos, .sin:
            let norms = FeatureKernels.rowSquaredNorms(batch)
            let limit = Double.log(S.greatestFiniteMagnitude.doubleValue)
            let logScales = norms.map { $0 / 2 - halfLogM }
            if let p = logScales.firstIndex(where: { $0 >= limit }) {
                throw LayerError("snnk \(family.rawValue) features: input row \(p) has ‖x‖² = \(norms[p]), so e^{‖x‖²/2} overflows \(S.self); scale the inputs to ‖x‖² < \(Int(2 * limit))")
            }
            return FeatureKernels.cosSin(z, rowScales: logScales.map { Double.exp($0) })
        case .exp:
            let offsets = FeatureKernels.rowSquaredNorms(batch).map { -$0 / 2 - halfLogM }
            FeatureKernels.exponentiate(&z, rowOffsets: offsets)
            return z
        case .relu:
            FeatureKernels.addRowVector(&z, offsets.map { S(Double($0)) })
            FeatureKernels.rectify(&z, scale: S(1 / Double(features).squareRoot()))
            return z
        }
    }
}
