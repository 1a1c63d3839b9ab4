import RandomFeatures

// MARK: - Saving and reloading

extension SNNKLayer {
    /// Kind, shapes, activation, seed, projection and `features` = m; G is regenerated.
    public var record: LayerRecord {
        LayerRecord(kind: kind, inputDimension: inputDimension, outputDimension: outputDimension,
                    activation: activation, seed: seed, projection: projectionKind,
                    parameters: ["features": features])
    }

    /// `psi` (Ψ, d_out × m') and `bias` (β, 1 × d_out).
    public var arrays: [String: Matrix<Float>] {
        ["psi": outputWeights, "bias": Matrix(rows: 1, columns: outputDimension, storage: outputBias)]
    }

    public init(record: LayerRecord, arrays: [String: Matrix<Float>]) throws {
        guard record.kind == Self.kindName else { throw LayerError("layer file: kind '\(record.kind)' is not snnk") }
        guard let m = record.parameters["features"] else { throw LayerError("layer file: snnk needs parameters.features") }
        let family = try SNNKFeatureFamily(activation: record.activation)
        let psi = try Self.array("psi", in: arrays, rows: record.outputDimension, columns: family.width(features: m))
        let bias = try Self.array("bias", in: arrays, rows: 1, columns: record.outputDimension)
        try self.init(activation: record.activation, inputDimension: record.inputDimension, features: m,
                      projection: record.projection ?? .iid, seed: record.seed, outputWeights: psi, outputBias: bias.storage)
    }
}
