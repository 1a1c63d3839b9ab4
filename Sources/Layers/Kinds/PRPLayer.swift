import RandomFeatures

/// PRP, a parametrized random projection (ALGORITHMS.md §6.4, `[abstract; details from
/// a secondary review; reconstruction]`):
///
///     y = f( Pᵀ(x ⊙ α) ⊙ w + b ),   P ∈ R^{d_in × d_out} fixed (from the seed),
///                                    α ∈ R^{d_in}, w, b ∈ R^{d_out} learned
///
/// forward: H = X ⊙ α (n·d_in multiplies), Y = H P (`cblas_sgemm`), then ⊙ w, + b, f.
/// - Parameters count: d_in + 2·d_out; P costs no bytes (regenerated from the seed).
/// - Multiply-adds: d_in·d_out + d_in + d_out: PRP saves memory, not time.
///
/// Fit `[derived]` — alternating closed-form solves on the teacher's pre-activations
/// Z = X Wᵀ + b_teacher (f is applied afterwards, unchanged; see
/// `LayerFitRequest.teacherPreActivations`). Both sub-problems are linear least squares:
/// - (w, b) given α: with H = (X ⊙ α)P, each output is a simple regression
///   zᵣₒ ≈ wₒ Hᵣₒ + bₒ (`DiagonalLeastSquares.solvePerColumn`).
/// - (α, b) given w: zᵣ ≈ M(α ⊙ xᵣ) + b with M = diag(w)Pᵀ, a diagonal inside a fixed
///   map: G α = c with G = (X̃ᵀX̃) ∘ (P diag(w²) Pᵀ) + λI (`DiagonalLeastSquares.solve`).
/// Starting from α = 1, the fit runs (w,b), then `alternations` rounds of (α,b), (w,b).
/// Each exact step cannot increase ‖Ŷ − Z‖² (at λ = 0), so the error is monotone.
public struct PRPLayer: FittableLayer {
    public static let kindName = "prp"
    /// Rounds of the alternating fit after the first (w, b) step.
    public static let alternations = 2

    public let projection: PRPProjection
    public let seed: UInt64
    /// P, d_in × d_out, regenerated from `seed`.
    public let matrix: Matrix<Float>
    public let alpha: [Float]
    public let scale: [Float]
    public let bias: [Float]
    public let activation: Activation
    public let coefficients: [Double]

    public init(projection: PRPProjection, seed: UInt64, inputDimension: Int, outputDimension: Int,
                alpha: [Float], scale: [Float], bias: [Float], activation: Activation, coefficients: [Double] = []) throws {
        precondition(alpha.count == inputDimension && scale.count == outputDimension && bias.count == outputDimension)
        self.projection = projection
        self.seed = seed
        matrix = try projection.matrix(inputDimension: inputDimension, outputDimension: outputDimension, seed: seed).converted()
        self.alpha = alpha
        self.scale = scale
        self.bias = bias
        self.activation = activation
        self.coefficients = coefficients
    }

    public var kind: String { Self.kindName }
    public var inputDimension: Int { matrix.rows }
    public var outputDimension: Int { matrix.columns }
    public var parameterCount: Int { inputDimension + 2 * outputDimension }
    public var storedBytes: Int { 4 * parameterCount }
    public var multiplyAddsPerInput: Int { inputDimension * outputDimension + inputDimension + outputDimension }

    public func forward(_ batch: Matrix<Float>) throws -> Matrix<Float> {
        try checkInput(batch)
        let d = inputDimension, l = outputDimension
        var h = batch
        for r in 0..<h.rows {
            for i in 0..<d { h.storage[r * d + i] *= alpha[i] }
        }
        var y = h.multiplied(by: matrix)
        for r in 0..<y.rows {
            for o in 0..<l { y.storage[r * l + o] *= scale[o] }
        }
        activation.applyWithBias(to: &y, bias: bias, coefficients: coefficients)
        return y
    }

    /// diag(w) Pᵀ diag(α) as a dense d_out × d_in matrix.
    public func materialized() -> Matrix<Float> {
        var w = matrix.transposed()
        for o in 0..<outputDimension {
            for i in 0..<inputDimension { w[o, i] *= scale[o] * alpha[i] }
        }
        return w
    }

    // MARK: - Fitting and records

    public static func fit(_ request: LayerFitRequest) throws -> PRPLayer {
        try fitWithTrace(request).layer
    }

    /// The fit and ‖Ŷ − Z‖²_F on the calibration set after each closed-form step.
    static func fitWithTrace(_ request: LayerFitRequest) throws -> (layer: PRPLayer, objective: [Double]) {
        try request.validateShapes()
        let kind = try PRPProjection(request.projection)
        let dIn = request.inputDimension, dOut = request.outputDimension
        let p = try kind.matrix(inputDimension: dIn, outputDimension: dOut, seed: request.seed)
        let x = request.calibration, z = request.teacherPreActivations(on: x)
        let n = x.rows
        var alpha = [Double](repeating: 1, count: dIn)
        var w = [Double](repeating: 0, count: dOut), b = [Double](repeating: 0, count: dOut)
        var trace = [Double]()

        func projected() -> Matrix<Double> {   // H = (X ⊙ α) P
            var xa = x
            for r in 0..<n { for i in 0..<dIn { xa.storage[r * dIn + i] *= alpha[i] } }
            return xa.multiplied(by: p)
        }
        func objective(_ h: Matrix<Double>) -> Double {
            var s = 0.0
            for r in 0..<n { for o in 0..<dOut {
                let e = w[o] * h.storage[r * dOut + o] + b[o] - z.storage[r * dOut + o]
                s += e * e
            } }
            return s
        }
        let inputs = DiagonalLeastSquares.Inputs(x)   // X̃ and X̃ᵀX̃, the same in every α step
        let pt = p.transposed()
        var h = projected()
        (w, b) = try DiagonalLeastSquares.solvePerColumn(inputs: h, targets: z, ridge: request.ridge)
        trace.append(objective(h))
        for _ in 0..<alternations {
            var m = pt   // M = diag(w) Pᵀ, d_out × d_in
            for o in 0..<dOut { for i in 0..<dIn { m.storage[o * dIn + i] *= w[o] } }
            (alpha, b) = try DiagonalLeastSquares.solve(inputs: inputs, map: m, mapGram: DiagonalLeastSquares.gram(m),
                                                        targets: z, ridge: request.ridge)
            h = projected()
            trace.append(objective(h))
            (w, b) = try DiagonalLeastSquares.solvePerColumn(inputs: h, targets: z, ridge: request.ridge)
            trace.append(objective(h))
        }
        let layer = try PRPLayer(projection: kind, seed: request.seed, inputDimension: dIn, outputDimension: dOut,
                                 alpha: alpha.map(Float.init), scale: w.map(Float.init), bias: b.map(Float.init),
                                 activation: request.activation, coefficients: request.polynomialCoefficients)
        return (layer, trace)
    }

    public var record: LayerRecord {
        LayerRecord(kind: kind, inputDimension: inputDimension, outputDimension: outputDimension,
                    activation: activation, polynomialCoefficients: coefficients, seed: seed,
                    projection: projection.projectionKind)
    }

    public var arrays: [String: Matrix<Float>] { ["alpha": .row(alpha), "scale": .row(scale), "bias": .row(bias)] }

    public init(record: LayerRecord, arrays: [String: Matrix<Float>]) throws {
        try self.init(projection: try PRPProjection(record.projection ?? .iid), seed: record.seed,
                      inputDimension: record.inputDimension, outputDimension: record.outputDimension,
                      alpha: try Self.array("alpha", in: arrays, rows: 1, columns: record.inputDimension).storage,
                      scale: try Self.array("scale", in: arrays, rows: 1, columns: record.outputDimension).storage,
                      bias: try Self.array("bias", in: arrays, rows: 1, columns: record.outputDimension).storage,
                      activation: record.activation, coefficients: record.polynomialCoefficients)
    }
}
