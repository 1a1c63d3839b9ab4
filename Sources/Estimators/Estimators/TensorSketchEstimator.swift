import RandomFeatures

/// TensorSketch features for the polynomial kernel (Pham & Pagh, KDD 2013, [PP13];
/// ALGORITHMS.md §5.9), with FFTs from FFTW.
///
///     (C x)ₖ = Σ_{h(r) = k} s(r) x_r                  CountSketch: hash h: [d] → [D], signs s: [d] → ±1
///     TS_p(x) = c2r( Πⱼ r2c(Cⱼ x) ) / D               p independent CountSketches; the product of
///                                                     spectra is the circular convolution of the sketches
///     E ⟨TS_p(x), TS_p(y)⟩ = (x·y)^p
///
/// For Σᵢ aᵢ (x·y + b)ⁱ: inputs are augmented to x̃ = [x; 1], ỹ = [y; b] when b ≠ 0
/// (x̃ = x otherwise), and every order i ≥ 1 with aᵢ ≠ 0 gets its own independent
/// TensorSketch of width D:
///
///     x side: [1,  √|aᵢ| TS_i(x̃) …],   y side: [a₀,  sign(aᵢ) √|aᵢ| TS_i(ỹ) …]
///
/// - `--features` is D, the sketch width of each order; the output has
///   1 + D·(number of orders with aᵢ ≠ 0) columns. Order 1 is a plain CountSketch
///   (no FFT). `--degree p --coef c` expands (z + c)^p into its binomial terms, so every
///   order up to p gets a sketch; to sketch (x·y + c)^p as one order-p sketch of the
///   augmented inputs, pass `--coefficients 0,…,0,1 --bias c`.
/// - Projection: TensorSketch draws its own hashes, fully random and independent
///   per order and factor (`stream.child(i, j)`); the only label it accepts is `iid`,
///   meaning exactly that.
/// - Variance: the exact whole-estimate variance with fully random hashes, including
///   the even/odd-D term (`varianceTheory`).
public struct TensorSketchEstimator: FeatureMapEstimator {
    public let coefficients: [Double]
    public let bias: Double

    public static let validProjections: [ProjectionKind] = [.iid]

    public init(parameters: KernelParameters) throws {
        try PolynomialChecks.validate(parameters)
        coefficients = parameters.coefficients
        bias = parameters.bias
    }

    public var kernelName: String { "polynomial" }
    public var estimatorName: String { "tensorsketch" }
    public var validProjections: [ProjectionKind] { Self.validProjections }

    public func exact(x: [Double], y: [Double]) throws -> Double {
        try EstimatorChecks.requireSameLength(x, y)
        return PolynomialKernel(coefficients: coefficients, bias: bias).value(x: x, y: y)
    }

    public func validate(x: [Double], y: [Double]) throws {
        try EstimatorChecks.requireSameLength(x, y)
    }

    public func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        let map = try featureMap(inputDimension: pairs.dimension, features: m, projection: projection, stream: stream)
        return try map.pairEstimates(pairs)
    }

    public func featureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                           stream: RandomStream) throws -> any FittedFeatureMap {
        try EstimatorChecks.requireFeatures(m)
        guard projection == .iid else {
            throw EstimatorError("projection '\(projection.rawValue)' is not meaningful for polynomial/tensorsketch, which draws its own CountSketch hashes; valid projections: iid (fully random independent hashes)")
        }
        let dd = bias == 0 ? d : d + 1
        let orders = PolynomialChecks.activeOrders(coefficients)
        let sketches = orders.map { i in
            (1...i).map { j in CountSketchHash(inputDimension: dd, width: m, stream: stream.child(UInt64(i), UInt64(j))) }
        }
        return TensorSketchFeatureMap(inputDimension: d, width: m, coefficients: coefficients, bias: bias,
                                      orders: orders, sketches: sketches)
    }
}

/// One CountSketch: a bucket h(r) ∈ [0, D) and a sign s(r) = ±1 per input coordinate.
struct CountSketchHash: Sendable {
    let buckets: [Int]
    let signs: [Double]

    init(inputDimension d: Int, width: Int, stream: RandomStream) {
        var g = stream
        var b = [Int](), s = [Double]()
        for _ in 0..<d {
            b.append(Int(Sampling.boundedBelow(UInt64(width), using: &g)))
            s.append(Sampling.rademacher(using: &g))
        }
        buckets = b
        signs = s
    }

    /// out[h(r)] += s(r) · x[r] for r < d; `out` must be zeroed, length D.
    func sketch<S: BLASScalar>(_ x: UnsafeBufferPointer<S>, into out: UnsafeMutableBufferPointer<S>) {
        for r in buckets.indices { out[buckets[r]] += S(signs[r]) * x[r] }
    }
}

/// Real FFT plans of either precision, as TensorSketch uses them.
protocol TensorSketchFFTPlan: AnyObject {
    associatedtype Scalar: BLASScalar
    init(length: Int)
    var input: UnsafeMutableBufferPointer<Scalar> { get }
    var spectrum: UnsafeMutableBufferPointer<(Scalar, Scalar)> { get }
    func forward()
    func inverse()
}

extension RealFFTPlan: TensorSketchFFTPlan {}
extension RealFFTPlanFloat: TensorSketchFFTPlan {}

/// The fitted map of `TensorSketchEstimator`.
struct TensorSketchFeatureMap: FittedFeatureMap {
    let inputDimension: Int
    /// D, per order.
    let width: Int
    let coefficients: [Double]
    let bias: Double
    let orders: [Int]
    let sketches: [[CountSketchHash]]

    var outputWidth: Int { 1 + width * orders.count }
    var isSymmetric: Bool { false }

    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double> {
        try map(batch, side: side, plan: RealFFTPlan.self)
    }
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float> {
        try map(batch, side: side, plan: RealFFTPlanFloat.self)
    }

    private func map<S, Plan: TensorSketchFFTPlan>(_ batch: Matrix<S>, side: FeatureSide, plan: Plan.Type) throws -> Matrix<S>
    where Plan.Scalar == S {
        try checkInput(batch)
        let augmented = bias == 0 ? batch
            : FeatureRowMath.appendingColumns(batch, count: 1) { _, _ in side == .x ? 1 : S(bias) }
        let dd = augmented.columns, dWidth = width, outWidth = outputWidth
        // One plan per call (plans are not Sendable; planning is serialised inside).
        let fft = orders.contains(where: { $0 >= 2 }) ? Plan(length: dWidth) : nil
        let bins = dWidth / 2 + 1
        var accumulated = [(S, S)](repeating: (0, 0), count: bins)
        var sketchRow = [S](repeating: 0, count: dWidth)
        var out = Matrix<S>(rows: batch.rows, columns: outWidth)
        augmented.storage.withUnsafeBufferPointer { all in
            for p in 0..<batch.rows {
                let x = UnsafeBufferPointer(rebasing: all[(p * dd)..<((p + 1) * dd)])
                out.storage[p * outWidth] = side == .x ? 1 : S(coefficients[0])
                for (o, i) in orders.enumerated() {
                    let a = coefficients[i]
                    let scale = S((abs(a)).squareRoot() * (side == .y && a < 0 ? -1 : 1))
                    let base = p * outWidth + 1 + o * dWidth
                    if i == 1 {
                        for k in 0..<dWidth { sketchRow[k] = 0 }
                        sketchRow.withUnsafeMutableBufferPointer { sketches[o][0].sketch(x, into: $0) }
                        for k in 0..<dWidth { out.storage[base + k] = scale * sketchRow[k] }
                        continue
                    }
                    let plan = fft!
                    for (j, hash) in sketches[o].enumerated() {
                        for k in 0..<dWidth { plan.input[k] = 0 }
                        hash.sketch(x, into: plan.input)
                        plan.forward()
                        for k in 0..<bins {
                            let (re, im) = plan.spectrum[k]
                            if j == 0 {
                                accumulated[k] = (re, im)
                            } else {
                                let (ar, ai) = accumulated[k]
                                accumulated[k] = (ar * re - ai * im, ar * im + ai * re)
                            }
                        }
                    }
                    for k in 0..<bins { plan.spectrum[k] = accumulated[k] }
                    plan.inverse()   // unnormalised: divide by D
                    let factor = scale / S(dWidth)
                    for k in 0..<dWidth { out.storage[base + k] = factor * plan.input[k] }
                }
            }
        }
        return try checkFinite(out)
    }
}
