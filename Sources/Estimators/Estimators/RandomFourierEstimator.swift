import RandomFeatures
import RealModule

/// Random Fourier features for a shift-invariant kernel ([RR07]; ALGORITHMS.md §5.1),
/// with the bandwidth applied to the inputs (x/σ) and frequencies drawn from the
/// kernel's spectral distribution (`ShiftInvariantKernel.frequencyEntries`):
///
///     trig:    φ(x) = m^(−1/2) [cos(W x/σ); sin(W x/σ)]          (2m columns)   ζⱼ = cos(wⱼ·δ/σ)
///     offset:  φ(x) = √(2/m) cos(W x/σ + β),  βⱼ ~ U[0, 2π)     (m columns)    ζⱼ = 2cos(wⱼ·x/σ+βⱼ)cos(wⱼ·y/σ+βⱼ)
///
/// Unbiased by Bochner's theorem (E cos(w·δ) = κ(δ)); the offset's cross term
/// cos(w·(x+y)/σ + 2β) has zero mean over β. Same map on both sides.
///
/// | kernel     | κ(δ)              | wⱼ entries     |
/// |------------|-------------------|----------------|
/// | `gaussian` | exp(−‖δ‖²/2)      | N(0, 1)        |
/// | `laplace`  | exp(−‖δ‖₁)        | Cauchy (§8.2)  |
/// | `cauchy`   | Πⱼ 1/(1 + δⱼ²)    | Laplace        |
///
/// - Projections: Gaussian frequencies: iid, orthogonal (χ norms, unbiased), sorf (fixed
///   row norms √p: **biased**, bias ≈ the fixed-norm Bessel bias of §2.2–2.3), fastfood,
///   circulant. Cauchy or Laplace frequencies: iid and circulant only — the projections that
///   draw those entries (§2.5); orthogonal/sorf rows would be Gaussian (§5.3 refuses them).
/// - Variance: closed form per row for iid rows (`perRowVariance`), else nil.
/// - Randomness: W from `stream.child(0)`, offsets β from `stream.child(1)`.
public struct RandomFourierEstimator: FeatureMapEstimator {
    public enum Map: String, Sendable, CaseIterable {
        /// sin/cos pairs, the default: never worse than offset for the Gaussian kernel (§5.1).
        case trig
        /// √2 cos(w·x + u), u uniform (scikit-learn's RBFSampler, Keras).
        case offset
    }

    public let kernel: any ShiftInvariantKernel
    public let map: Map

    public init(kernel: any ShiftInvariantKernel, map: Map) {
        self.kernel = kernel
        self.map = map
    }

    public var kernelName: String { kernel.name }
    public var estimatorName: String { map.rawValue }
    public var validProjections: [ProjectionKind] {
        kernel.frequencyEntries == .gaussian ? [.iid, .orthogonal, .sorf, .fastfood, .circulant] : [.iid, .circulant]
    }

    public func exact(x: [Double], y: [Double]) throws -> Double {
        try EstimatorChecks.requireSameLength(x, y)
        return kernel.value(x: x, y: y)
    }

    public func validate(x: [Double], y: [Double]) throws {
        try EstimatorChecks.requireSameLength(x, y)
    }

    public func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        let fitted = try featureMap(inputDimension: pairs.dimension, features: m, projection: projection, stream: stream)
        // trig: one cosine of the projected difference per feature (RandomFourierEstimator+PairEstimates).
        if map == .trig, let fourier = fitted as? RandomFourierFeatureMap { return try fourier.trigPairEstimates(pairs) }
        return try fitted.pairEstimates(pairs)
    }

    /// trig: one projection of the differences with the largest count and one pass of cosines
    /// serve every count (`trigPairPrefixEstimates`); offset: one estimate per count.
    public func estimate(pairs: PairBatch, nestedFeatures features: [Int], projection: ProjectionKind,
                         stream: RandomStream) throws -> [[Double]] {
        guard map == .trig, let largest = features.last,
              let fourier = try featureMap(inputDimension: pairs.dimension, features: largest, projection: projection,
                                           stream: stream) as? RandomFourierFeatureMap
        else {
            return try features.map { try estimate(pairs: pairs, features: $0, projection: projection, stream: stream) }
        }
        return try fourier.trigPairPrefixEstimates(pairs, prefixes: features)
    }

    public func featureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                           stream: RandomStream) throws -> any FittedFeatureMap {
        try EstimatorChecks.requireFeatures(m)
        try EstimatorChecks.requireProjection(projection, in: validProjections, estimator: estimatorName, kernel: kernelName)
        let rows = try projection.draw(rowCount: m, inputDimension: d,
                                       options: ProjectionOptions(entries: kernel.frequencyEntries), stream: stream.child(0))
        var offsets: [Double]? = nil
        if map == .offset {
            var g = stream.child(1)
            offsets = (0..<m).map { _ in 2 * Double.pi * Sampling.uniform(using: &g) }
        }
        return RandomFourierFeatureMap(rows: rows, sigma: kernel.sigma, map: map, offsets: offsets)
    }
}

/// The fitted map of `RandomFourierEstimator` (symmetric).
struct RandomFourierFeatureMap: FittedFeatureMap {
    let rows: any Projection
    let sigma: Double
    let map: RandomFourierEstimator.Map
    /// βⱼ for the offset map.
    let offsets: [Double]?

    var inputDimension: Int { rows.inputDimension }
    var outputWidth: Int { map == .trig ? 2 * rows.rowCount : rows.rowCount }
    var isSymmetric: Bool { true }

    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double> { try apply(batch) }
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float> { try apply(batch) }

    private func apply<S: BLASScalar>(_ batch: Matrix<S>) throws -> Matrix<S> {
        try checkInput(batch)
        // Bandwidth on the inputs (n·d operations), so one projection serves every σ.
        var scaled = batch
        if sigma != 1 {
            let inverse = S(1 / sigma)
            for i in scaled.storage.indices { scaled.storage[i] *= inverse }
        }
        // trig: m^{-1/2}[cos | sin];  offset: √(2/m) cos(z + β)  (offsets nil for trig).
        let m = rows.rowCount
        let scale = map == .trig ? 1 / Double(m).squareRoot() : (2 / Double(m)).squareRoot()
        if rows is StructuredOrthogonalProjection {
            return bandedFeatures(scaled, scale: scale)
        }
        let z = FeatureRowMath.project(rows, scaled)
        return TrigonometricColumns.features(z, scale: scale, offsets: offsets, withSine: map == .trig)
    }

    /// The features of a row-wise projection (SORF), band by band: each band of Z is turned
    /// into cos/sin columns while it is still in cache (`Projection.applyInBands`), so Z never
    /// goes through main memory. The same values as the two-pass route, bit for bit.
    private func bandedFeatures<S: BLASScalar>(_ batch: Matrix<S>, scale: Double) -> Matrix<S> {
        let m = rows.rowCount, width = outputWidth, n = batch.rows
        let offsets = offsets, withSine = map == .trig
        guard n * width > 0 else { return Matrix(rows: n, columns: width) }
        let storage = [S](unsafeUninitializedCapacity: n * width) { buffer, initialized in
            let out = buffer.baseAddress!
            func consume<T: BLASScalar>(_ band: Range<Int>, _ z: UnsafeBufferPointer<T>) {
                let target = UnsafeMutableRawPointer(out + band.lowerBound * width).assumingMemoryBound(to: T.self)
                TrigonometricColumns.write(z, rows: band.count, columns: m, into: target,
                                           scale: scale, offsets: offsets, withSine: withSine)
            }
            if let b = batch as? Matrix<Float> {
                rows.applyInBands(b, bandRows: Self.bandRows) { consume($0, $1) }
            } else {
                rows.applyInBands(batch as! Matrix<Double>, bandRows: Self.bandRows) { consume($0, $1) }
            }
            initialized = n * width
        }
        return Matrix(rows: n, columns: width, storage: storage)
    }

    /// Rows per band: 16 rows of Z and of the features stay within a core's L2 for m up to 4096.
    static let bandRows = 16
}
