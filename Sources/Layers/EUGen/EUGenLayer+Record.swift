import RandomFeatures

// MARK: - Saving and reloading

extension EUGenLayer {
    /// Kind, shapes, activation (and coefficients), seed, projection, `features` = m
    /// and `order` = k; the factors G^i_j are regenerated.
    public var record: LayerRecord {
        LayerRecord(kind: kind, inputDimension: inputDimension, outputDimension: outputDimension,
                    activation: activation, polynomialCoefficients: polynomialCoefficients, seed: seed,
                    projection: projectionKind, parameters: ["features": features, "order": order])
    }

    /// `weights` ([W₁ … W_k], d_out × k·m) and `bias` (W₀, 1 × d_out).
    public var arrays: [String: Matrix<Float>] {
        ["weights": outputWeights, "bias": Matrix(rows: 1, columns: outputDimension, storage: outputBias)]
    }

    public init(record: LayerRecord, arrays: [String: Matrix<Float>]) throws {
        guard record.kind == Self.kindName else { throw LayerError("layer file: kind '\(record.kind)' is not eugen") }
        guard let m = record.parameters["features"], let k = record.parameters["order"] else {
            throw LayerError("layer file: eugen needs parameters.features and parameters.order")
        }
        let w = try Self.array("weights", in: arrays, rows: record.outputDimension, columns: k * m)
        let bias = try Self.array("bias", in: arrays, rows: 1, columns: record.outputDimension)
        try self.init(activation: record.activation, polynomialCoefficients: record.polynomialCoefficients,
                      inputDimension: record.inputDimension, features: m, order: k,
                      projection: record.projection ?? .iid, seed: record.seed, outputWeights: w, outputBias: bias.storage)
    }
}
