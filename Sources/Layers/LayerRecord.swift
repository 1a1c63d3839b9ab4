import RandomFeatures

/// What a saved layer file records besides its arrays: kind, shapes, seed and
/// hyper-parameters. `rftool fit-layer` writes it as JSON with each learned
/// array as `NAME.npy` beside it, so a layer reloads bit for bit.
public struct LayerRecord: Codable, Sendable, Equatable {
    public var kind: String
    public var inputDimension: Int
    public var outputDimension: Int
    public var activation: Activation
    /// a₀, a₁, … of a polynomial activation (empty otherwise).
    public var polynomialCoefficients: [Double]
    /// Seed of the layer's fixed random matrices (regenerated on load).
    public var seed: UInt64
    /// Projection of random-feature layers (`iid`, `orthogonal`, `sorf`), if any.
    public var projection: ProjectionKind?
    /// Integer hyper-parameters by name: `features`, `order`, `rank`, `blocks`.
    public var parameters: [String: Int]
    /// The activation of each stage of a multi-stage layer (`bundled`); absent
    /// (and not written) for single-stage kinds, so older files still decode.
    public var stageActivations: [Activation]?

    public init(kind: String, inputDimension: Int, outputDimension: Int, activation: Activation,
                polynomialCoefficients: [Double] = [], seed: UInt64, projection: ProjectionKind? = nil,
                parameters: [String: Int] = [:], stageActivations: [Activation]? = nil) {
        self.kind = kind
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        self.activation = activation
        self.polynomialCoefficients = polynomialCoefficients
        self.seed = seed
        self.projection = projection
        self.parameters = parameters
        self.stageActivations = stageActivations
    }
}

/// A layer that can be saved and reloaded bit for bit: its record plus its
/// learned arrays (Float, as the forward pass uses them), by name.
public protocol RecordableLayer: LinearLayer {
    var record: LayerRecord { get }
    /// Learned arrays by name; fixed random matrices regenerated from the seed are not among them.
    var arrays: [String: Matrix<Float>] { get }
    /// Rebuilds the layer; throws a one-line reason if an array is missing or has the wrong shape.
    init(record: LayerRecord, arrays: [String: Matrix<Float>]) throws
}

/// A layer fitted to a dense teacher in closed form (no backpropagation).
public protocol FittableLayer: RecordableLayer {
    /// Fits the layer to `request` (ALGORITHMS.md §6): closed-form ridge solves
    /// for the free output weights on the teacher's calibration outputs.
    static func fit(_ request: LayerFitRequest) throws -> Self
}

extension RecordableLayer {
    /// The named array, checked to be rows × columns.
    public static func array(_ name: String, in arrays: [String: Matrix<Float>], rows: Int, columns: Int) throws -> Matrix<Float> {
        guard let a = arrays[name] else { throw LayerError("layer file: array '\(name)' is missing") }
        guard a.rows == rows, a.columns == columns else {
            throw LayerError("layer file: array '\(name)' is \(a.rows)×\(a.columns), expected \(rows)×\(columns)")
        }
        return a
    }
}
