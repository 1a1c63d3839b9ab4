import RandomFeatures

/// A rank-r factorisation of the dense layer (ALGORITHMS.md §6.6, "low rank"):
///
///     y = f(U (V x) + b),   V ∈ R^{r × d_in},  U ∈ R^{d_out × r}
///
/// forward: two `cblas_sgemm` calls, H = X Vᵀ (n × r), then H Uᵀ, plus bias and f.
///
/// Fit (closed form, two steps):
/// 1. V = the r leading right singular vectors of the teacher W (truncated SVD:
///    the top-r eigenvectors of WᵀW by LAPACK `dsyevr`, see `TruncatedSVD`):
///    W ≈ U_r S_r V_rᵀ is the best rank-r approximation of W in Frobenius norm
///    (Eckart–Young).
/// 2. With V fixed, U and b are the ridge least-squares solution on the teacher's
///    calibration pre-activations Z = X Wᵀ + b_teacher:
///    [U | b]ᵀ = argmin ‖[X Vᵀ, 1] Θ − Z‖² + λ‖Θ‖²  (`RidgeSolver`, QR).
///    For isotropic calibration inputs this recovers U_r S_r; for real inputs it
///    weights the directions the data actually uses.
/// - Parameters count: r·(d_in + d_out) + d_out. Multiply-adds: r·(d_in + d_out).
public struct LowRankLayer: FittableLayer {
    public static let kindName = "lowrank"
    /// V, r × d_in.
    public let down: Matrix<Float>
    /// U, d_out × r.
    public let up: Matrix<Float>
    public let bias: [Float]
    public let activation: Activation
    public let coefficients: [Double]

    public init(down: Matrix<Float>, up: Matrix<Float>, bias: [Float], activation: Activation, coefficients: [Double] = []) {
        precondition(down.rows == up.columns && bias.count == up.rows, "shapes of V, U and b disagree")
        self.down = down
        self.up = up
        self.bias = bias
        self.activation = activation
        self.coefficients = coefficients
    }

    public var kind: String { Self.kindName }
    public var rank: Int { down.rows }
    public var inputDimension: Int { down.columns }
    public var outputDimension: Int { up.rows }
    public var parameterCount: Int { rank * (inputDimension + outputDimension) + outputDimension }
    public var storedBytes: Int { 4 * parameterCount }
    public var multiplyAddsPerInput: Int { rank * (inputDimension + outputDimension) }

    public func forward(_ batch: Matrix<Float>) throws -> Matrix<Float> {
        try checkInput(batch)
        var y = batch.multipliedByTranspose(of: down).multipliedByTranspose(of: up)
        activation.applyWithBias(to: &y, bias: bias, coefficients: coefficients)
        return y
    }

    /// U V as a dense d_out × d_in matrix (for tests).
    public func materialized() -> Matrix<Float> { up.multiplied(by: down) }

    // MARK: - Fitting and records

    public static func fit(_ request: LayerFitRequest) throws -> LowRankLayer {
        try request.validateShapes()
        let maxRank = min(request.inputDimension, request.outputDimension)
        let r = try request.required(request.rank, flag: "rank", kind: kindName, range: 1...maxRank)
        let (_, v) = try TruncatedSVD.rightSingularVectors(of: request.teacherWeights, rank: r)
        let h = request.calibration.multipliedByTranspose(of: v)
        var features = Matrix<Double>(rows: h.rows, columns: r + 1, repeating: 1)
        for i in 0..<h.rows {
            for j in 0..<r { features.storage[i * (r + 1) + j] = h.storage[i * r + j] }
        }
        let theta = try RidgeSolver.solve(features: features, targets: request.teacherPreActivations(on: request.calibration),
                                          ridge: request.ridge)
        let l = request.outputDimension
        var u = Matrix<Float>(rows: l, columns: r)
        for o in 0..<l {
            for j in 0..<r { u.storage[o * r + j] = Float(theta.storage[j * l + o]) }
        }
        let b = (0..<l).map { Float(theta.storage[r * l + $0]) }
        return LowRankLayer(down: v.converted(), up: u, bias: b, activation: request.activation,
                            coefficients: request.polynomialCoefficients)
    }

    public var record: LayerRecord {
        LayerRecord(kind: kind, inputDimension: inputDimension, outputDimension: outputDimension,
                    activation: activation, polynomialCoefficients: coefficients, seed: 0, parameters: ["rank": rank])
    }

    public var arrays: [String: Matrix<Float>] { ["down": down, "up": up, "bias": .row(bias)] }

    public init(record: LayerRecord, arrays: [String: Matrix<Float>]) throws {
        guard let r = record.parameters["rank"], r >= 1 else { throw LayerError("layer file: lowrank needs parameters.rank >= 1") }
        self.init(down: try Self.array("down", in: arrays, rows: r, columns: record.inputDimension),
                  up: try Self.array("up", in: arrays, rows: record.outputDimension, columns: r),
                  bias: try Self.array("bias", in: arrays, rows: 1, columns: record.outputDimension).storage,
                  activation: record.activation, coefficients: record.polynomialCoefficients)
    }
}
