import Estimators
import RandomFeatures

extension EUGenLayer {
    /// The layer with the factors drawn from `request.seed` and zero output weights.
    static func untrained(_ request: LayerFitRequest) throws -> EUGenLayer {
        try request.validateShapes()
        let m = try OutputWeightFit.requireFeatures(request, kind: kindName)
        let k = request.order ?? defaultOrder
        return try EUGenLayer(activation: request.activation, polynomialCoefficients: request.polynomialCoefficients,
                              inputDimension: request.inputDimension, features: m, order: k,
                              projection: request.projection, seed: request.seed,
                              outputWeights: Matrix(rows: request.outputDimension, columns: k * m),
                              outputBias: [Float](repeating: 0, count: request.outputDimension))
    }

    /// a₀ … a_k of the teacher's activation when it is a polynomial (identity is
    /// a₁ = 1); a one-line error for any other activation.
    static func polynomial(of request: LayerFitRequest) throws -> [Double] {
        switch request.activation {
        case .identity: return [0, 1]
        case .polynomial:
            guard !request.polynomialCoefficients.isEmpty, request.polynomialCoefficients.allSatisfy(\.isFinite) else {
                throw LayerError("--coefficients: a polynomial activation needs finite coefficients a0,a1,...")
            }
            return request.polynomialCoefficients
        default:
            throw LayerError("--activation \(request.activation.rawValue): the unbiased eugen initialisation needs a polynomial activation (polynomial or identity); other activations are fitted in closed form only")
        }
    }

    /// (a) The unbiased initialisation from (W, b) for a polynomial activation
    /// (ALGORITHMS.md §6.3): W₀ = a₀ and Wᵢ = Ψᵢ(W), rows aᵢ m^{−1/2} ⊙ⱼ G^i_j w_r⁺ with
    /// w_r⁺ = [w_r; b_r; 0], from `EUGenEstimator`'s w tower, so that
    /// E[y] = f(Wx + b) exactly. The degree must not exceed the order k.
    public static func initialised(_ request: LayerFitRequest) throws -> EUGenLayer {
        let base = try untrained(request)
        var a = try polynomial(of: request)
        while a.count > 1, a.last == 0 { a.removeLast() }
        guard a.count - 1 <= base.order else {
            throw LayerError("--order \(base.order) is below the degree \(a.count - 1) of the polynomial activation; give --order >= \(a.count - 1)")
        }
        let m = base.features, l = request.outputDimension
        let map = try featureMap(coefficients: a, inputDimension: base.inputDimension, features: m,
                                 projection: base.projectionKind, seed: base.seed)
        let tower = try map.weightTower(request.teacherWeights, biases: request.teacherBias)
        // The tower's columns: a₀, then one block of m per order i ≥ 1 with aᵢ ≠ 0, ascending.
        let active = a.indices.filter { $0 >= 1 && a[$0] != 0 }
        var w = Matrix<Float>(rows: l, columns: base.featureWidth)
        for r in 0..<l {
            for (o, i) in active.enumerated() {
                for j in 0..<m { w.storage[r * base.featureWidth + (i - 1) * m + j] = Float(tower[r, 1 + o * m + j]) }
            }
        }
        return try base.with(weights: w, bias: [Float](repeating: Float(a[0]), count: l))
    }

    /// (b) Layer-wise knowledge transfer (§6.3): F = [φ₁(X) … φ_k(X), 1] on the
    /// calibration inputs, Θ = argmin ‖F Θ − Y‖² + λ‖Θ‖², Y = f(X Wᵀ + b), for any f.
    /// Needs n ≥ 1 + k·m rows for a unique solution at λ = 0.
    public static func fit(_ request: LayerFitRequest) throws -> EUGenLayer {
        let base = try untrained(request)
        let f = OutputWeightFit.withOnes(base.inputFeatures(request.calibration))
        let y = request.teacherOutputs(on: request.calibration)
        let theta = try OutputWeightFit.solve(features: f, targets: y, ridge: request.ridge)
        let (w, b) = OutputWeightFit.split(theta)
        return try base.with(weights: w, bias: b)
    }

    /// The same layer (factors, seed, shapes) with other output weights.
    public func with(weights: Matrix<Float>, bias: [Float]) throws -> EUGenLayer {
        try EUGenLayer(activation: activation, polynomialCoefficients: polynomialCoefficients,
                       inputDimension: inputDimension, features: features, order: order,
                       projection: projectionKind, seed: seed, outputWeights: weights, outputBias: bias)
    }

    /// [φ₁(X) … φ_k(X)] computed the slow, independent way, in Double: the columns of
    /// `EUGenEstimator`'s x tower (all coefficients 1, so every order is present)
    /// without its leading constant column.
    public func referenceInputFeatures(_ x: Matrix<Double>) throws -> Matrix<Double> {
        let map = try Self.featureMap(coefficients: [Double](repeating: 1, count: order + 1), inputDimension: inputDimension,
                                      features: features, projection: projectionKind, seed: seed)
        let full = try map.transform(x, side: .x)
        var out = Matrix<Double>(rows: x.rows, columns: featureWidth)
        for p in 0..<x.rows {
            for k in 0..<featureWidth { out.storage[p * featureWidth + k] = full[p, 1 + k] }
        }
        return out
    }
}
