import RandomFeatures

/// Everything needed to fit a replacement of a dense teacher layer
/// y = f(Wx + b) without backpropagation (ALGORITHMS.md §6.2–6.3): the teacher,
/// the calibration inputs, and the replacement's hyper-parameters.
///
/// Layer-wise knowledge transfer runs the teacher on the calibration inputs,
/// records Y = f(XWᵀ + b), and solves for the replacement's free output weights
/// in closed form (`RidgeSolver`).
public struct LayerFitRequest: Sendable {
    /// W, d_out × d_in (row-major, `out × in`: a layer computes h = W x + b).
    public var teacherWeights: Matrix<Double>
    /// b, d_out entries (zeros when the teacher has no bias).
    public var teacherBias: [Double]
    public var activation: Activation
    /// a₀, a₁, … when `activation == .polynomial`.
    public var polynomialCoefficients: [Double]
    /// X, n × d_in: the calibration inputs.
    public var calibration: Matrix<Double>
    /// m: random features (snnk, eugen).
    public var features: Int?
    /// k: order of an EUGen layer.
    public var order: Int?
    /// r: rank of a low-rank layer.
    public var rank: Int?
    /// k: number of blocks of a DYAD layer, or layers of an ACDC stack.
    public var blocks: Int?
    /// λ ≥ 0 of the ridge problem min ‖FΘᵀ − Y‖² + λ‖Θ‖².
    public var ridge: Double
    public var projection: ProjectionKind
    /// Seed of every fixed random matrix of the layer (regenerated, never stored).
    public var seed: UInt64

    public init(teacherWeights: Matrix<Double>, teacherBias: [Double]? = nil, activation: Activation,
                polynomialCoefficients: [Double] = [], calibration: Matrix<Double>,
                features: Int? = nil, order: Int? = nil, rank: Int? = nil, blocks: Int? = nil,
                ridge: Double = 1e-6, projection: ProjectionKind = .iid, seed: UInt64 = 0) {
        self.teacherWeights = teacherWeights
        self.teacherBias = teacherBias ?? [Double](repeating: 0, count: teacherWeights.rows)
        self.activation = activation
        self.polynomialCoefficients = polynomialCoefficients
        self.calibration = calibration
        self.features = features
        self.order = order
        self.rank = rank
        self.blocks = blocks
        self.ridge = ridge
        self.projection = projection
        self.seed = seed
    }

    public var inputDimension: Int { teacherWeights.columns }
    public var outputDimension: Int { teacherWeights.rows }

    /// Throws unless the shapes agree: b has d_out entries, X has d_in columns.
    public func validateShapes() throws {
        guard teacherBias.count == outputDimension else {
            throw LayerError("--bias: the teacher bias has \(teacherBias.count) entries but the teacher has \(outputDimension) output rows")
        }
        guard calibration.columns == inputDimension else {
            throw LayerError("--calibration: inputs have \(calibration.columns) columns but the teacher takes \(inputDimension)")
        }
        guard ridge >= 0, ridge.isFinite else { throw LayerError("--ridge must be a finite number >= 0; got \(ridge)") }
    }

    /// The teacher's outputs Y = f(X Wᵀ + b) on `inputs` (n × d_out), in Double.
    public func teacherOutputs(on inputs: Matrix<Double>) -> Matrix<Double> {
        var y = inputs.multipliedByTranspose(of: teacherWeights)
        let l = y.columns
        for i in 0..<y.rows {
            for j in 0..<l { y.storage[i * l + j] += teacherBias[j] }
        }
        activation.apply(to: &y.storage, coefficients: polynomialCoefficients)
        return y
    }
}
