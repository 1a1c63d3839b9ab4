import RandomFeatures

/// DYAD (ALGORITHMS.md §6.5, `[code: asappresearch/dyad, sparse_opt/dyad.py]`): two
/// block-diagonal terms, the second behind the stride permutation P,
///
///     W = BlockDiag(WL₁ … WL_k) + BlockDiag(WU₁ … WU_k) · P,   (P x)_{i·b_in + j} = x_{j·k + i}
///
/// with k blocks of b_out × b_in (d_in = k·b_in, d_out = k·b_out). Block i of the
/// output reads the contiguous inputs [i·b_in, (i+1)·b_in) through WLᵢ and the
/// strided inputs {i, i+k, i+2k, …} through WUᵢ; the two sets can overlap, so the
/// dense equivalent has fewer than 2·d_in·d_out/k non-zeros (§8.18).
///
/// forward (row-major batch X, n × d_in): one gather X₂ = X Pᵀ (n·d_in copies),
/// then two batched GEMMs of k blocks, a loop of k `cblas_sgemm` calls per term:
///
///     Y[:, block i] = X[:, block i] · WLᵢᵀ + X₂[:, block i] · WUᵢᵀ,   then f(· + b)
///
/// - Parameters count and multiply-adds: 2·d_in·d_out/k (+ d_out bias), ratio 2/k of dense.
///
/// Fit (closed form, per output block): block i's outputs depend only on the inputs
/// Sᵢ = contiguous ∪ strided set, so each block is an independent ridge least-squares
/// problem  min ‖[X_{Sᵢ}, 1] θ − Z_{block i}‖² + λ‖θ‖²  (`RidgeSolver`, QR) on the
/// teacher's pre-activations Z = X Wᵀ + b. An input in both sets gets its whole weight
/// in WLᵢ and 0 in WUᵢ (the split of a shared weight is not identifiable).
public struct DYADLayer: FittableLayer {
    public static let kindName = "dyad"
    public let blocks: Int
    /// WL, k·b_out × b_in: block i is rows [i·b_out, (i+1)·b_out).
    public let lower: Matrix<Float>
    /// WU, k·b_out × b_in, applied to the gathered inputs.
    public let upper: Matrix<Float>
    public let bias: [Float]
    public let activation: Activation
    public let coefficients: [Double]

    public init(blocks k: Int, lower: Matrix<Float>, upper: Matrix<Float>, bias: [Float],
                activation: Activation, coefficients: [Double] = []) {
        precondition(k >= 1 && lower.rows % k == 0 && lower.rows == upper.rows && lower.columns == upper.columns)
        precondition(bias.count == lower.rows)
        blocks = k
        self.lower = lower
        self.upper = upper
        self.bias = bias
        self.activation = activation
        self.coefficients = coefficients
    }

    public var kind: String { Self.kindName }
    public var blockInputs: Int { lower.columns }
    public var blockOutputs: Int { lower.rows / blocks }
    public var inputDimension: Int { blocks * blockInputs }
    public var outputDimension: Int { lower.rows }
    public var parameterCount: Int { 2 * lower.rows * lower.columns + bias.count }
    public var storedBytes: Int { 4 * parameterCount }
    public var multiplyAddsPerInput: Int { 2 * lower.rows * lower.columns }

    /// The stride permutation as a gather: (P x)[p] = x[order[p]], order[i·b_in + j] = j·k + i.
    /// For k = 4, b_in = 3: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11] (ALGORITHMS.md §9).
    public static func gatherOrder(blocks k: Int, blockInputs bIn: Int) -> [Int] {
        var order = [Int](repeating: 0, count: k * bIn)
        for i in 0..<k {
            for j in 0..<bIn { order[i * bIn + j] = j * k + i }
        }
        return order
    }

    public func forward(_ batch: Matrix<Float>) throws -> Matrix<Float> {
        try checkInput(batch)
        let n = batch.rows, k = blocks, bIn = blockInputs, bOut = blockOutputs
        let dIn = inputDimension, dOut = outputDimension
        var y = Matrix<Float>(rows: n, columns: dOut)
        if n == 0 { return y }
        // Gather: each row viewed as b_in × k is transposed to k × b_in.
        var gathered = [Float](repeating: 0, count: n * dIn)
        batch.storage.withUnsafeBufferPointer { x in
            gathered.withUnsafeMutableBufferPointer { g in
                for r in 0..<n {
                    let src = x.baseAddress! + r * dIn, dst = g.baseAddress! + r * dIn
                    for j in 0..<bIn {
                        for i in 0..<k { dst[i * bIn + j] = src[j * k + i] }
                    }
                }
            }
        }
        batch.storage.withUnsafeBufferPointer { x in
            gathered.withUnsafeBufferPointer { g in
                lower.storage.withUnsafeBufferPointer { wl in
                    upper.storage.withUnsafeBufferPointer { wu in
                        y.storage.withUnsafeMutableBufferPointer { out in
                            for (term, (input, weights)) in [(x, wl), (g, wu)].enumerated() {
                                for i in 0..<k {
                                    FloatGEMM.multiplyByTranspose(
                                        m: n, n: bOut, k: bIn,
                                        a: input.baseAddress! + i * bIn, lda: dIn,
                                        b: weights.baseAddress! + i * bOut * bIn, ldb: bIn,
                                        beta: term == 0 ? 0 : 1, c: out.baseAddress! + i * bOut, ldc: dOut)
                                }
                            }
                        }
                    }
                }
            }
        }
        activation.applyWithBias(to: &y, bias: bias, coefficients: coefficients)
        return y
    }

    /// BlockDiag(WL) + BlockDiag(WU)·P as a dense d_out × d_in matrix.
    public func materialized() -> Matrix<Float> {
        let k = blocks, bIn = blockInputs, bOut = blockOutputs
        let order = Self.gatherOrder(blocks: k, blockInputs: bIn)
        var w = Matrix<Float>(rows: outputDimension, columns: inputDimension)
        for i in 0..<k {
            for o in 0..<bOut {
                let row = i * bOut + o
                for j in 0..<bIn {
                    w[row, i * bIn + j] += lower[row, j]
                    w[row, order[i * bIn + j]] += upper[row, j]
                }
            }
        }
        return w
    }

    // MARK: - Fitting and records

    public static func fit(_ request: LayerFitRequest) throws -> DYADLayer {
        try request.validateShapes()
        let dIn = request.inputDimension, dOut = request.outputDimension
        let k = try request.required(request.blocks, flag: "blocks", kind: kindName, range: 1...max(1, min(dIn, dOut)))
        guard dIn % k == 0, dOut % k == 0 else {
            throw LayerError("--blocks: k = \(k) must divide both d_in = \(dIn) and d_out = \(dOut) for --kind dyad")
        }
        let bIn = dIn / k, bOut = dOut / k
        let order = gatherOrder(blocks: k, blockInputs: bIn)
        let x = request.calibration, z = request.teacherPreActivations(on: request.calibration)
        let n = x.rows
        var lower = Matrix<Float>(rows: dOut, columns: bIn), upper = Matrix<Float>(rows: dOut, columns: bIn)
        var bias = [Float](repeating: 0, count: dOut)
        for i in 0..<k {
            let contiguous = Array((i * bIn)..<((i + 1) * bIn))
            let strided = Array(order[(i * bIn)..<((i + 1) * bIn)])
            let extra = strided.filter { !contiguous.contains($0) }
            let inputs = contiguous + extra
            var position = [Int: Int]()
            for (p, c) in inputs.enumerated() { position[c] = p }
            let dim = inputs.count + 1
            var f = Matrix<Double>(rows: n, columns: dim, repeating: 1)
            var t = Matrix<Double>(rows: n, columns: bOut)
            for r in 0..<n {
                for (p, c) in inputs.enumerated() { f.storage[r * dim + p] = x.storage[r * dIn + c] }
                for o in 0..<bOut { t.storage[r * bOut + o] = z.storage[r * dOut + i * bOut + o] }
            }
            let theta = try RidgeSolver.solve(features: f, targets: t, ridge: request.ridge)
            for o in 0..<bOut {
                let row = i * bOut + o
                for j in 0..<bIn {
                    lower[row, j] = Float(theta[position[contiguous[j]]!, o])
                    let s = strided[j]
                    upper[row, j] = s >= i * bIn && s < (i + 1) * bIn ? 0 : Float(theta[position[s]!, o])
                }
                bias[row] = Float(theta[dim - 1, o])
            }
        }
        return DYADLayer(blocks: k, lower: lower, upper: upper, bias: bias, activation: request.activation,
                         coefficients: request.polynomialCoefficients)
    }

    public var record: LayerRecord {
        LayerRecord(kind: kind, inputDimension: inputDimension, outputDimension: outputDimension,
                    activation: activation, polynomialCoefficients: coefficients, seed: 0, parameters: ["blocks": blocks])
    }

    public var arrays: [String: Matrix<Float>] { ["lower": lower, "upper": upper, "bias": .row(bias)] }

    public init(record: LayerRecord, arrays: [String: Matrix<Float>]) throws {
        guard let k = record.parameters["blocks"], k >= 1, record.inputDimension % k == 0, record.outputDimension % k == 0 else {
            throw LayerError("layer file: dyad needs parameters.blocks dividing d_in and d_out")
        }
        let bIn = record.inputDimension / k
        self.init(blocks: k,
                  lower: try Self.array("lower", in: arrays, rows: record.outputDimension, columns: bIn),
                  upper: try Self.array("upper", in: arrays, rows: record.outputDimension, columns: bIn),
                  bias: try Self.array("bias", in: arrays, rows: 1, columns: record.outputDimension).storage,
                  activation: record.activation, coefficients: record.polynomialCoefficients)
    }
}
