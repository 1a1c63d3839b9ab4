import RandomFeatures

// MARK: - Saving, reloading and the one-layer fit

extension BundledSNNK: FittableLayer {
    /// Kind, shapes, the first stage's seed (stage i uses seed + i), projection,
    /// `stages` = L and `features_i` = mᵢ per stage, and each stage's activation in
    /// `stageActivations` (`activation` is the last stage's). The G's are regenerated.
    public var record: LayerRecord {
        var parameters = ["stages": stages.count]
        for (i, stage) in stages.enumerated() { parameters["features_\(i)"] = stage.features }
        return LayerRecord(kind: kind, inputDimension: inputDimension, outputDimension: outputDimension,
                           activation: stages.last!.activation, seed: stages[0].seed, projection: stages[0].projectionKind,
                           parameters: parameters, stageActivations: stages.map(\.activation))
    }

    /// `theta` (Θ, d_out × m'_L) and `bias` (β, 1 × d_out).
    public var arrays: [String: Matrix<Float>] {
        ["theta": outputWeights, "bias": Matrix(rows: 1, columns: outputDimension, storage: outputBias)]
    }

    public init(record: LayerRecord, arrays: [String: Matrix<Float>]) throws {
        guard record.kind == Self.kindName else { throw LayerError("layer file: kind '\(record.kind)' is not \(Self.kindName)") }
        guard let count = record.parameters["stages"], count >= 1, let activations = record.stageActivations,
              activations.count == count else {
            throw LayerError("layer file: \(Self.kindName) needs parameters.stages >= 1 and one stageActivations entry per stage")
        }
        let features = try (0..<count).map { i in
            guard let m = record.parameters["features_\(i)"] else { throw LayerError("layer file: \(Self.kindName) needs parameters.features_\(i)") }
            return m
        }
        let stages = try Self.stages(activations: activations, inputDimension: record.inputDimension, features: features,
                                     projection: record.projection ?? .iid, seed: record.seed)
        let theta = try Self.array("theta", in: arrays, rows: record.outputDimension, columns: stages.last!.featureWidth)
        let bias = try Self.array("bias", in: arrays, rows: 1, columns: record.outputDimension)
        try self.init(stages: stages, outputWeights: theta, outputBias: bias.storage)
    }

    /// A one-layer teacher bundled: one SNNK stage (m = `features`) and Θ over it.
    public static func fit(_ request: LayerFitRequest) throws -> BundledSNNK {
        guard let m = request.features else { throw LayerError("--features: kind \(kindName) needs m, the random features per stage") }
        let teacher = TeacherLayer(weights: request.teacherWeights, bias: request.teacherBias, activation: request.activation,
                                   polynomialCoefficients: request.polynomialCoefficients)
        return try fit(teacher: [teacher], calibration: request.calibration, features: [m], projection: request.projection,
                       ridge: request.ridge, seed: request.seed)
    }
}
