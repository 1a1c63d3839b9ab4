import RandomFeatures

/// The baseline dense layer (ALGORITHMS.md §6, "Dense baseline"):
///
///     y = f(W x + b),   W ∈ R^{d_out × d_in}
///
/// forward: Y = f(X Wᵀ + b) as one `cblas_sgemm` plus a fused bias-and-activation pass.
/// - Parameters count: d_out·d_in + d_out, stored as Float (4 bytes each).
/// - Complexity: d_in·d_out multiply-adds per input, plus d_out activations.
public struct DenseLayer: FittableLayer {
    public static let kindName = "dense"
    /// W, d_out × d_in.
    public let weights: Matrix<Float>
    public let bias: [Float]
    public let activation: Activation
    public let coefficients: [Double]

    public init(weights: Matrix<Float>, bias: [Float], activation: Activation, coefficients: [Double] = []) {
        precondition(bias.count == weights.rows, "bias must have d_out entries")
        self.weights = weights
        self.bias = bias
        self.activation = activation
        self.coefficients = coefficients
    }

    public var kind: String { Self.kindName }
    public var inputDimension: Int { weights.columns }
    public var outputDimension: Int { weights.rows }
    public var parameterCount: Int { weights.rows * weights.columns + bias.count }
    public var storedBytes: Int { 4 * parameterCount }
    public var multiplyAddsPerInput: Int { weights.rows * weights.columns }

    public func forward(_ batch: Matrix<Float>) throws -> Matrix<Float> {
        try checkInput(batch)
        var y = batch.multipliedByTranspose(of: weights)
        activation.applyWithBias(to: &y, bias: bias, coefficients: coefficients)
        return y
    }

    // MARK: - Fitting and records

    /// The dense layer is the teacher itself: fitting copies W and b (rounded to Float).
    public static func fit(_ request: LayerFitRequest) throws -> DenseLayer {
        try request.validateShapes()
        return DenseLayer(weights: request.teacherWeights.converted(), bias: request.teacherBias.map(Float.init),
                          activation: request.activation, coefficients: request.polynomialCoefficients)
    }

    public var record: LayerRecord {
        LayerRecord(kind: kind, inputDimension: inputDimension, outputDimension: outputDimension,
                    activation: activation, polynomialCoefficients: coefficients, seed: 0)
    }

    public var arrays: [String: Matrix<Float>] { ["weights": weights, "bias": .row(bias)] }

    public init(record: LayerRecord, arrays: [String: Matrix<Float>]) throws {
        let w = try Self.array("weights", in: arrays, rows: record.outputDimension, columns: record.inputDimension)
        let b = try Self.array("bias", in: arrays, rows: 1, columns: record.outputDimension)
        self.init(weights: w, bias: b.storage, activation: record.activation, coefficients: record.polynomialCoefficients)
    }
}

extension LinearLayer {
    /// Throws unless the batch has d_in columns.
    func checkInput(_ batch: Matrix<Float>) throws {
        guard batch.columns == inputDimension else {
            throw LayerError("--input: rows have \(batch.columns) columns but the \(kind) layer takes \(inputDimension)")
        }
    }
}
