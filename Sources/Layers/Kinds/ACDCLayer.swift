import RandomFeatures

/// ACDC (ALGORITHMS.md §6.6, `[SEP; code: gngdb/pytorch-acdc]`): a stack of L layers
///
///     x ↦ IDCT( D ⊙ DCT( A ⊙ x ) )
///
/// with a riffle shuffle between layers, on N = max(d_in, d_out) coordinates: the
/// input is zero-padded to N, the output truncated to its first d_out entries, then
/// y = f(· + b). DCT = FFTW REDFT10 and IDCT = REDFT01, both unnormalised; each D
/// here is the multiplier applied between them, so the 1/(2N) of the round trip
/// REDFT01(REDFT10(x)) = 2N·x lives in D (D = 1/(2N) is the identity layer).
/// The riffle is the perfect shuffle of pytorch-acdc's `Riffle`, generalised to odd N:
/// out[2i] = x[i], out[2i+1] = x[⌈N/2⌉ + i].
///
/// forward: one FFTW many-transform plan per batch (`BatchedDCTPlanFloat`), 2L
/// batched DCTs, 2L diagonal products and L−1 riffles per row.
/// - Multiply-adds: L(4N + 5N log₂N) per input, the count of the reference script.
///
/// Fit `[derived]`: the reference trains every A and D by backpropagation; here the
/// fit is closed form, so only the first A (A₁, on the inputs) and the last D (D_L,
/// before the last IDCT) are fitted, with the bias, by alternating exact least
/// squares on the teacher's pre-activations Z = X Wᵀ + b_teacher. The output is linear
/// in either diagonal when the rest is fixed:
/// - D_L: zᵣ ≈ M (D_L ⊙ uᵣ) + b with uᵣ = DCT(A_L ⊙ riffle(hᵣ)) (the stack up to D_L)
///   and M the first d_out rows of the IDCT;
/// - A₁: zᵣ ≈ S (A₁ ⊙ xᵣ) + b with S the whole stack with A₁ = 1 (materialised on
///   the identity, first d_out rows and d_in columns);
/// each solved by `DiagonalLeastSquares` (G = (ŨᵀŨ) ∘ (MᵀM) + λI, Cholesky). The
/// fit runs D_L, A₁ for `alternations` rounds. The 2L − 2 other diagonals stay at
/// their seeded initialisation A, D ~ N(1, 0.1²) (reading the reference's "N(1, 1e-2)"
/// as a variance; D then divided by 2N), regenerated from the seed: they cost no bytes.
/// - Parameters count (fitted and stored): A₁ and D_L (N each) and b (d_out).
public struct ACDCLayer: FittableLayer {
    public static let kindName = "acdc"
    public static let alternations = 2
    public static let initialSpread = 0.1

    public let inputDimension: Int
    public let outputDimension: Int
    public let layerCount: Int
    public let seed: UInt64
    /// A₁ … A_L and D₁ … D_L, N entries each; A[0] and D[L−1] are fitted, the rest seeded.
    public let a: [[Float]]
    public let d: [[Float]]
    public let bias: [Float]
    public let activation: Activation
    public let coefficients: [Double]

    public var width: Int { max(inputDimension, outputDimension) }

    /// The seeded diagonals A_l, D_l (l = 0 … L−1), N entries each.
    public static func seededDiagonals(width n: Int, layers: Int, seed: UInt64) -> (a: [[Float]], d: [[Float]]) {
        var a = [[Float]](), d = [[Float]]()
        for l in 0..<layers {
            var sa = RandomStream(seed: seed).child(0x4143_4443, UInt64(l), 0)   // "ACDC"
            var sd = RandomStream(seed: seed).child(0x4143_4443, UInt64(l), 1)
            a.append((0..<n).map { _ in Float(1 + initialSpread * Sampling.normal(using: &sa)) })
            d.append((0..<n).map { _ in Float((1 + initialSpread * Sampling.normal(using: &sd)) / Double(2 * n)) })
        }
        return (a, d)
    }

    public init(inputDimension: Int, outputDimension: Int, layers: Int, seed: UInt64,
                firstA: [Float]? = nil, lastD: [Float]? = nil, bias: [Float]? = nil,
                activation: Activation, coefficients: [Double] = []) {
        precondition(layers >= 1 && max(inputDimension, outputDimension) >= 2)
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        layerCount = layers
        self.seed = seed
        var (a, d) = Self.seededDiagonals(width: max(inputDimension, outputDimension), layers: layers, seed: seed)
        if let firstA { precondition(firstA.count == a[0].count); a[0] = firstA }
        if let lastD { precondition(lastD.count == d[layers - 1].count); d[layers - 1] = lastD }
        self.a = a
        self.d = d
        self.bias = bias ?? [Float](repeating: 0, count: outputDimension)
        self.activation = activation
        self.coefficients = coefficients
    }

    public var kind: String { Self.kindName }
    public var parameterCount: Int { 2 * width + outputDimension }
    public var storedBytes: Int { 4 * parameterCount }
    public var multiplyAddsPerInput: Int {
        let n = width, log2n = Int.bitWidth - (n - 1).leadingZeroBitCount
        return layerCount * (4 * n + 5 * n * log2n)
    }

    /// The riffle as a gather: out[j] = x[order[j]].
    public static func riffleOrder(width n: Int) -> [Int] {
        let half = (n + 1) / 2
        return (0..<n).map { $0 % 2 == 0 ? $0 / 2 : half + ($0 - 1) / 2 }
    }

    public func forward(_ batch: Matrix<Float>) throws -> Matrix<Float> {
        try checkInput(batch)
        let n = batch.rows, l = outputDimension
        var y = Matrix<Float>(rows: n, columns: l)
        if n == 0 { return y }
        let plan = load(batch)
        runStack(plan, firstA: a[0], stopBeforeLastD: false)
        for r in 0..<n {
            for o in 0..<l { y.storage[r * l + o] = plan.buffer[r * width + o] }
        }
        activation.applyWithBias(to: &y, bias: bias, coefficients: coefficients)
        return y
    }

    /// The linear stack (no bias, no f) as a dense d_out × d_in matrix.
    public func materialized() -> Matrix<Float> {
        let s = stackMatrix(firstA: a[0])
        return s
    }

    // MARK: - The stack on an FFTW buffer

    /// A plan whose rows are the batch's rows zero-padded to N.
    func load(_ batch: Matrix<Float>) -> BatchedDCTPlanFloat {
        let plan = BatchedDCTPlanFloat(length: width, count: batch.rows)
        let dIn = inputDimension, n = width
        for r in 0..<batch.rows {
            for i in 0..<dIn { plan.buffer[r * n + i] = batch.storage[r * dIn + i] }
        }
        return plan
    }

    /// Runs the layers in place on every row of `plan.buffer`; with `stopBeforeLastD`
    /// it stops after the last DCT, leaving uᵣ = DCT(A_L ⊙ riffle(hᵣ)).
    func runStack(_ plan: BatchedDCTPlanFloat, firstA: [Float], stopBeforeLastD: Bool) {
        let n = width, rows = plan.count
        let riffle = Self.riffleOrder(width: n)
        var scratch = [Float](repeating: 0, count: n)
        let buffer = plan.buffer
        for layer in 0..<layerCount {
            let scaleA = layer == 0 ? firstA : a[layer]
            for r in 0..<rows {
                let row = buffer.baseAddress! + r * n
                if layer > 0 {
                    for j in 0..<n { scratch[j] = row[riffle[j]] }
                    for j in 0..<n { row[j] = scratch[j] * scaleA[j] }
                } else {
                    for j in 0..<n { row[j] *= scaleA[j] }
                }
            }
            plan.forward()
            if stopBeforeLastD && layer == layerCount - 1 { return }
            let scaleD = d[layer]
            for r in 0..<rows {
                let row = buffer.baseAddress! + r * n
                for j in 0..<n { row[j] *= scaleD[j] }
            }
            plan.inverse()
        }
    }

    /// S (d_out × d_in): the stack with A₁ = `firstA` applied to each unit vector.
    func stackMatrix(firstA: [Float]) -> Matrix<Float> {
        let n = width
        let plan = BatchedDCTPlanFloat(length: n, count: inputDimension)
        for i in 0..<inputDimension { plan.buffer[i * n + i] = 1 }
        runStack(plan, firstA: firstA, stopBeforeLastD: false)
        var s = Matrix<Float>(rows: outputDimension, columns: inputDimension)
        for i in 0..<inputDimension {
            for o in 0..<outputDimension { s.storage[o * inputDimension + i] = plan.buffer[i * n + o] }
        }
        return s
    }

    /// The first d_out rows of the (unnormalised) IDCT, as a d_out × N matrix.
    func inverseDCTRows() -> Matrix<Double> {
        let n = width
        let plan = BatchedDCTPlanFloat(length: n, count: n)
        for k in 0..<n { plan.buffer[k * n + k] = 1 }
        plan.inverse()
        var m = Matrix<Double>(rows: outputDimension, columns: n)
        for k in 0..<n {
            for o in 0..<outputDimension { m.storage[o * n + k] = Double(plan.buffer[k * n + o]) }
        }
        return m
    }

    // MARK: - Fitting and records

    public static func fit(_ request: LayerFitRequest) throws -> ACDCLayer {
        try request.validateShapes()
        let dIn = request.inputDimension, dOut = request.outputDimension
        guard max(dIn, dOut) >= 2 else { throw LayerError("--kind acdc needs max(d_in, d_out) >= 2") }
        let layers = try request.required(request.blocks, flag: "blocks", kind: kindName, range: 1...64)
        var layer = ACDCLayer(inputDimension: dIn, outputDimension: dOut, layers: layers, seed: request.seed,
                              activation: request.activation, coefficients: request.polynomialCoefficients)
        let x = request.calibration, z = request.teacherPreActivations(on: x)
        let xf: Matrix<Float> = x.converted()
        let idct = layer.inverseDCTRows(), idctGram = DiagonalLeastSquares.gram(idct)
        let inputs = DiagonalLeastSquares.Inputs(x)
        let n = layer.width
        for _ in 0..<alternations {
            // D_L given A₁.
            let plan = layer.load(xf)
            layer.runStack(plan, firstA: layer.a[0], stopBeforeLastD: true)
            let u = DiagonalLeastSquares.Inputs(Matrix<Double>(rows: x.rows, columns: n, storage: plan.buffer.map(Double.init)))
            let (lastD, b1) = try DiagonalLeastSquares.solve(inputs: u, map: idct, mapGram: idctGram, targets: z, ridge: request.ridge)
            layer = layer.replacing(lastD: lastD.map(Float.init), bias: b1.map(Float.init))
            // A₁ given D_L (only its first d_in entries meet non-zero inputs).
            let s: Matrix<Double> = layer.stackMatrix(firstA: [Float](repeating: 1, count: n)).converted()
            let (firstA, b2) = try DiagonalLeastSquares.solve(inputs: inputs, map: s, mapGram: DiagonalLeastSquares.gram(s),
                                                              targets: z, ridge: request.ridge)
            var a0 = layer.a[0]
            for i in 0..<dIn { a0[i] = Float(firstA[i]) }
            layer = layer.replacing(firstA: a0, bias: b2.map(Float.init))
        }
        return layer
    }

    func replacing(firstA: [Float]? = nil, lastD: [Float]? = nil, bias: [Float]) -> ACDCLayer {
        ACDCLayer(inputDimension: inputDimension, outputDimension: outputDimension, layers: layerCount, seed: seed,
                  firstA: firstA ?? a[0], lastD: lastD ?? d[layerCount - 1], bias: bias,
                  activation: activation, coefficients: coefficients)
    }

    public var record: LayerRecord {
        LayerRecord(kind: kind, inputDimension: inputDimension, outputDimension: outputDimension,
                    activation: activation, polynomialCoefficients: coefficients, seed: seed,
                    parameters: ["blocks": layerCount])
    }

    public var arrays: [String: Matrix<Float>] {
        ["a_first": .row(a[0]), "d_last": .row(d[layerCount - 1]), "bias": .row(bias)]
    }

    public init(record: LayerRecord, arrays: [String: Matrix<Float>]) throws {
        guard let layers = record.parameters["blocks"], (1...64).contains(layers) else {
            throw LayerError("layer file: acdc needs parameters.blocks (the number of layers) from 1 to 64")
        }
        let n = max(record.inputDimension, record.outputDimension)
        self.init(inputDimension: record.inputDimension, outputDimension: record.outputDimension, layers: layers,
                  seed: record.seed,
                  firstA: try Self.array("a_first", in: arrays, rows: 1, columns: n).storage,
                  lastD: try Self.array("d_last", in: arrays, rows: 1, columns: n).storage,
                  bias: try Self.array("bias", in: arrays, rows: 1, columns: record.outputDimension).storage,
                  activation: record.activation, coefficients: record.polynomialCoefficients)
    }
}
