import RandomFeatures

/// The closed-form layer-wise transfer shared by the random-feature layers
/// (ALGORITHMS.md §6.2–6.3 `[reconstruction]`): with the features F of the
/// calibration inputs and the teacher's outputs Y,
///
///     Θ = argmin ‖F Θ − Y‖²_F + λ‖Θ − Θ₀‖²_F   =   Θ₀ + (FᵀF + λI)⁻¹ Fᵀ(Y − F Θ₀)
///
/// solved by `RidgeSolver` (Householder QR of [F; √λ I], LAPACK dgels, Double).
/// Θ₀ = 0 is the plain ridge fit; Θ₀ = the initialisation Ψ(W) shrinks toward it
/// instead of toward zero.
enum OutputWeightFit {
    /// [F, 1]: the features with a constant column appended (the output bias β).
    static func withOnes(_ f: Matrix<Double>) -> Matrix<Double> {
        let w = f.columns + 1
        var out = Matrix<Double>(rows: f.rows, columns: w, repeating: 1)
        f.storage.withUnsafeBufferPointer { fb in
            out.storage.withUnsafeMutableBufferPointer { ob in
                for p in 0..<f.rows {
                    for k in 0..<f.columns { ob[p * w + k] = fb[p * f.columns + k] }
                }
            }
        }
        return out
    }

    /// Θ (D × l) for F (n × D), Y (n × l), λ ≥ 0 and an optional prior Θ₀ (D × l).
    static func solve(features f: Matrix<Double>, targets y: Matrix<Double>, ridge: Double,
                      prior: Matrix<Double>? = nil) throws -> Matrix<Double> {
        guard let theta0 = prior else { return try RidgeSolver.solve(features: f, targets: y, ridge: ridge) }
        precondition(theta0.rows == f.columns && theta0.columns == y.columns)
        var residual = y
        let fitted = f.multiplied(by: theta0)
        for k in residual.storage.indices { residual.storage[k] -= fitted.storage[k] }
        var theta = try RidgeSolver.solve(features: f, targets: residual, ridge: ridge)
        for k in theta.storage.indices { theta.storage[k] += theta0.storage[k] }
        return theta
    }

    /// Splits Θ ((D + 1) × l, last row the bias) into Ψ = Θ[0..<D]ᵀ (l × D, Float) and β.
    static func split(_ theta: Matrix<Double>) -> (weights: Matrix<Float>, bias: [Float]) {
        let d = theta.rows - 1, l = theta.columns
        var w = Matrix<Float>(rows: l, columns: d)
        for k in 0..<d {
            for r in 0..<l { w.storage[r * d + k] = Float(theta.storage[k * l + r]) }
        }
        let bias = (0..<l).map { Float(theta.storage[d * l + $0]) }
        return (w, bias)
    }

    /// The inverse of `split`: Θ = [Ψᵀ; βᵀ] in Double.
    static func stack(weights: Matrix<Double>, bias: [Double]) -> Matrix<Double> {
        let l = weights.rows, d = weights.columns
        var theta = Matrix<Double>(rows: d + 1, columns: l)
        for r in 0..<l {
            for k in 0..<d { theta.storage[k * l + r] = weights.storage[r * d + k] }
            theta.storage[d * l + r] = bias[r]
        }
        return theta
    }

    /// Throws unless the request has m ≥ 1 features.
    static func requireFeatures(_ request: LayerFitRequest, kind: String) throws -> Int {
        guard let m = request.features else { throw LayerError("--features is required for kind \(kind)") }
        guard m >= 1 else { throw LayerError("--features must be at least 1 for kind \(kind); got \(m)") }
        return m
    }
}
