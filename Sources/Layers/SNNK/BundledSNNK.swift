import RandomFeatures

/// The fully bundled network of SNNK (ALGORITHMS.md §6.2 `[reconstruction]`;
/// [SNNK] abstract: "the optimal parameters … have explicit formulae" for MSE):
/// a multi-layer teacher collapsed into one Θ over fixed random features,
///
///     input tower   x ↦ Φ₁(x) ↦ Φ₂(Φ₁(x)) ↦ … ↦ Φ_L(…)      (no trainable parameters)
///     output        y = Θ Φ_L(…Φ₁(x)) + β,   Θ ∈ R^{l×m'_L}
///     fit           [Θ β] = argmin ‖F [Θ β]ᵀ − Y‖² + λ‖[Θ β]‖²,   F = [Φ_L(…Φ₁(X)), 1]
///
/// where Φᵢ is the SNNK x tower (`SNNKLayer.inputFeatures`) of teacher layer i's
/// activation family, on the previous stage's features. That is the composition
/// the parameter tower collapses through: layer i + 1 sees Ψᵢ Φᵢ(·), so its own
/// x tower runs on Φᵢ(·) while Wᵢ₊₁Ψᵢ goes to the weight side. A trailing identity
/// layer is linear and folds into Θ (it gets no stage). Y is the teacher network's
/// output on the calibration inputs.
///
/// Stage i draws its G from seed + i. G's are regenerated, so the stored bytes are
/// Θ and β only.
public struct BundledSNNK: LinearLayer {
    public static let kindName = "bundled"
    /// The stages' x towers: SNNK layers used only for `inputFeatures` (no output weights).
    public let stages: [SNNKLayer]
    /// Θ, l × m'_L (Float).
    public let outputWeights: Matrix<Float>
    /// β, l entries.
    public let outputBias: [Float]

    public var kind: String { Self.kindName }
    public var inputDimension: Int { stages[0].inputDimension }
    public var outputDimension: Int { outputWeights.rows }
    public var parameterCount: Int { outputWeights.rows * outputWeights.columns + outputBias.count }
    public var storedBytes: Int { parameterCount * MemoryLayout<Float>.size }
    public var multiplyAddsPerInput: Int {
        stages.reduce(0) { $0 + $1.multiplyAddsPerInput } + outputWeights.rows * outputWeights.columns
    }

    /// The stages for `teacher` (every layer but a trailing identity one), drawn from the seed.
    ///
    /// - Parameters:
    ///   - features: m for each stage (one number per stage, or one for all).
    public static func stages(for teacher: [TeacherLayer], features: [Int], projection: ProjectionKind,
                              seed: UInt64) throws -> [SNNKLayer] {
        guard !teacher.isEmpty else { throw LayerError("--kind bundled: the teacher network has no layers") }
        for (i, layer) in teacher.enumerated() where i > 0 {
            guard layer.weights.columns == teacher[i - 1].weights.rows else {
                throw LayerError("--kind bundled: teacher layer \(i + 1) takes \(layer.weights.columns) inputs but layer \(i) gives \(teacher[i - 1].weights.rows)")
            }
        }
        let staged = teacher.last!.activation == .identity ? Array(teacher.dropLast()) : teacher
        guard !staged.isEmpty else { throw LayerError("--kind bundled: a single identity layer is linear; fit a dense or low-rank layer instead") }
        guard features.count == 1 || features.count == staged.count else {
            throw LayerError("--features: give one m or one per nonlinear teacher layer (\(staged.count)); got \(features.count)")
        }
        return try stages(activations: staged.map(\.activation), inputDimension: teacher[0].weights.columns,
                          features: staged.indices.map { features.count == 1 ? features[0] : features[$0] },
                          projection: projection, seed: seed)
    }

    /// The chained x towers: stage i has activation i, m = features[i], seed + i, and
    /// takes the previous stage's feature width (the first takes `inputDimension`).
    public static func stages(activations: [Activation], inputDimension: Int, features: [Int], projection: ProjectionKind,
                              seed: UInt64) throws -> [SNNKLayer] {
        precondition(activations.count == features.count)
        var result = [SNNKLayer]()
        var width = inputDimension
        for (i, activation) in activations.enumerated() {
            let m = features[i]
            let stage = try SNNKLayer(activation: activation, inputDimension: width, features: m, projection: projection,
                                      seed: seed &+ UInt64(i), outputWeights: Matrix(rows: 0, columns: try SNNKFeatureFamily(activation: activation).width(features: m)),
                                      outputBias: [])
            result.append(stage)
            width = stage.featureWidth
        }
        return result
    }

    public init(stages: [SNNKLayer], outputWeights: Matrix<Float>, outputBias: [Float]) throws {
        guard let last = stages.last else { throw LayerError("--kind bundled: no stages") }
        for i in 1..<max(stages.count, 1) where stages[i].inputDimension != stages[i - 1].featureWidth {
            throw LayerError("--kind bundled: stage \(i + 1) takes \(stages[i].inputDimension) inputs but stage \(i) gives \(stages[i - 1].featureWidth)")
        }
        guard outputWeights.columns == last.featureWidth, outputBias.count == outputWeights.rows else {
            throw LayerError("--kind bundled: Θ is \(outputWeights.rows)×\(outputWeights.columns) with \(outputBias.count) biases; expected l × \(last.featureWidth) and l biases")
        }
        self.stages = stages
        self.outputWeights = outputWeights
        self.outputBias = outputBias
    }

    /// The teacher network's output on `x`, in Double.
    public static func teacherOutputs(_ teacher: [TeacherLayer], on x: Matrix<Double>) -> Matrix<Double> {
        teacher.reduce(x) { $1.apply($0) }
    }

    /// Φ_L(…Φ₁(X)) in the batch's precision.
    public func towerFeatures<S: BLASScalar>(_ batch: Matrix<S>) throws -> Matrix<S> {
        try stages.reduce(batch) { try $1.inputFeatures($0) }
    }

    /// The closed-form bundled fit: stages from the seed, then ridge for [Θ β] on the
    /// teacher network's outputs over `calibration`.
    public static func fit(teacher: [TeacherLayer], calibration: Matrix<Double>, features: [Int],
                           projection: ProjectionKind = .iid, ridge: Double = 1e-6, seed: UInt64 = 0) throws -> BundledSNNK {
        guard calibration.columns == teacher.first?.weights.columns else {
            throw LayerError("--calibration: inputs have \(calibration.columns) columns but the teacher takes \(teacher.first?.weights.columns ?? 0)")
        }
        guard ridge >= 0, ridge.isFinite else { throw LayerError("--ridge must be a finite number >= 0; got \(ridge)") }
        let stages = try stages(for: teacher, features: features, projection: projection, seed: seed)
        let probe = try BundledSNNK(stages: stages, outputWeights: Matrix(rows: 0, columns: stages.last!.featureWidth), outputBias: [])
        let f = OutputWeightFit.withOnes(try probe.towerFeatures(calibration))
        let y = teacherOutputs(teacher, on: calibration)
        let (w, b) = OutputWeightFit.split(try OutputWeightFit.solve(features: f, targets: y, ridge: ridge))
        return try BundledSNNK(stages: stages, outputWeights: w, outputBias: b)
    }

    /// y = Θ Φ_L(…Φ₁(x)) + β for every row.
    public func forward(_ batch: Matrix<Float>) throws -> Matrix<Float> {
        guard batch.columns == inputDimension else {
            throw LayerError("--input: rows have \(batch.columns) values but the bundled network takes \(inputDimension)")
        }
        var y = FeatureKernels.outputProduct(try towerFeatures(batch), outputWeights)
        FeatureKernels.addRowVector(&y, outputBias)
        return y
    }
}
