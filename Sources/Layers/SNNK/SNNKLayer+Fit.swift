import Estimators
import RandomFeatures
import RealModule

// MARK: - The teacher's w tower: the initialisation Ψ(W)

extension SNNKLayer {
    /// The URF estimator's two-tower map on this layer's G (ALGORITHMS.md §5.5–5.6,
    /// M = 0): `TrigonometricURFEstimator` for cos/sin, `SoftmaxURFEstimator` for exp;
    /// nil for relu (ReLU-SNNK has no estimator of ReLU itself, §5.7).
    public func towerMap() throws -> (any NeuronTowerFeatureMap)? {
        switch family {
        case .cos: return try TrigonometricURFEstimator(target: .cos, parameters: KernelParameters()).neuronFeatureMap(sharing: projection)
        case .sin: return try TrigonometricURFEstimator(target: .sin, parameters: KernelParameters()).neuronFeatureMap(sharing: projection)
        case .exp: return try SoftmaxURFEstimator(parameters: KernelParameters()).neuronFeatureMap(sharing: projection)
        case .relu: return nil
        }
    }

    /// φ(X) computed the slow, independent way, in Double: the estimator's x tower
    /// (cos, sin, exp) or max(G x, 0)/√m with G materialised (relu). The reference
    /// the fast `inputFeatures` is tested against.
    public func referenceInputFeatures(_ x: Matrix<Double>) throws -> Matrix<Double> {
        if let map = try towerMap() { return try map.transform(x, side: .x) }
        let g = projection.dense()
        var tilde = Matrix<Double>(rows: features, columns: inputDimension + 1)
        for j in 0..<features {
            for k in 0..<inputDimension { tilde[j, k] = g[j, k] }
            tilde[j, inputDimension] = Double(offsets[j])
        }
        var xTilde = Matrix<Double>(rows: x.rows, columns: inputDimension + 1, repeating: 1)
        for p in 0..<x.rows {
            for k in 0..<inputDimension { xTilde[p, k] = x[p, k] }
        }
        var z = xTilde.multipliedByTranspose(of: tilde)
        let s = 1 / Double(features).squareRoot()
        for k in z.storage.indices { z.storage[k] = max(z.storage[k], 0) * s }
        return z
    }

    /// Ψ(W) in Double (l × m'): rows ψ(w_r, b_r) of the estimator's w tower, or
    /// max(G̃ w̃_r, 0)/√m with w̃_r = [w_r; b_r] for relu (the SNNK uptraining start,
    /// §6.1, on bias-augmented vectors; it estimates the arc-cosine kernel, not ReLU).
    public func teacherTower(weights: Matrix<Double>, biases: [Double]) throws -> Matrix<Double> {
        if let map = try towerMap() {
            do { return try map.weightTower(weights, biases: biases) } catch {
                throw LayerError("snnk: the teacher's w tower failed: \(error)")
            }
        }
        var z = projection.apply(weights)
        for r in 0..<z.rows {
            for j in 0..<features { z[r, j] += biases[r] * Double(offsets[j]) }
        }
        let s = 1 / Double(features).squareRoot()
        for k in z.storage.indices { z.storage[k] = max(z.storage[k], 0) * s }
        return z
    }

    /// The layer with G drawn from `request.seed` and zero output weights.
    static func untrained(_ request: LayerFitRequest) throws -> SNNKLayer {
        try request.validateShapes()
        let m = try OutputWeightFit.requireFeatures(request, kind: kindName)
        let width = try SNNKFeatureFamily(activation: request.activation).width(features: m)
        return try SNNKLayer(activation: request.activation, inputDimension: request.inputDimension, features: m,
                             projection: request.projection, seed: request.seed,
                             outputWeights: Matrix(rows: request.outputDimension, columns: width),
                             outputBias: [Float](repeating: 0, count: request.outputDimension))
    }

    /// (a) The initialisation from the teacher (W, b), no data: Ψ = Ψ(W), β = 0.
    /// For cos, sin and exp with iid or orthogonal G, E[Ψ φ(x)] = f(Wx + b) exactly.
    public static func initialised(_ request: LayerFitRequest) throws -> SNNKLayer {
        let base = try untrained(request)
        let psi = try base.teacherTower(weights: request.teacherWeights, biases: request.teacherBias)
        return try base.with(weights: psi.converted(), bias: [Float](repeating: 0, count: request.outputDimension))
    }

    /// (b) Layer-wise knowledge transfer (§6.2): [Ψ β] by closed-form ridge on the
    /// teacher's outputs over the calibration inputs, F = [φ(X), 1]:
    ///
    ///     Θ = argmin ‖F Θ − Y‖² + λ‖Θ‖²,   Y = f(X Wᵀ + b)
    public static func fit(_ request: LayerFitRequest) throws -> SNNKLayer {
        try fit(request, shrinkingTowardInitialisation: false)
    }

    /// (b), optionally starting from (a): with `shrinkingTowardInitialisation` the
    /// penalty is λ‖Θ − [Ψ(W) 0]‖² instead of λ‖Θ‖² (relu, gelu and tanh have no
    /// unbiased Ψ(W); there the start is the uptraining one).
    public static func fit(_ request: LayerFitRequest, shrinkingTowardInitialisation: Bool) throws -> SNNKLayer {
        let base = try untrained(request)
        let f = OutputWeightFit.withOnes(try base.inputFeatures(request.calibration))
        let y = request.teacherOutputs(on: request.calibration)
        var prior: Matrix<Double>?
        if shrinkingTowardInitialisation {
            let psi = try base.teacherTower(weights: request.teacherWeights, biases: request.teacherBias)
            prior = OutputWeightFit.stack(weights: psi, bias: [Double](repeating: 0, count: request.outputDimension))
        }
        let theta = try OutputWeightFit.solve(features: f, targets: y, ridge: request.ridge, prior: prior)
        let (w, b) = OutputWeightFit.split(theta)
        return try base.with(weights: w, bias: b)
    }

    /// The same layer (G, seed, shapes) with other output weights.
    public func with(weights: Matrix<Float>, bias: [Float]) throws -> SNNKLayer {
        try SNNKLayer(activation: activation, inputDimension: inputDimension, features: features,
                      projection: projectionKind, seed: seed, outputWeights: weights, outputBias: bias)
    }
}
