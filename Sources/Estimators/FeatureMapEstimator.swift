import RandomFeatures

/// Which tower of a feature map a batch goes through.
///
/// Symmetric maps (the same φ on both sides, e.g. positive features) ignore it.
/// Asymmetric maps (URF, EUGen, Maclaurin with signed coefficients, activation
/// kernels) use `x` for inputs and `y` for the second argument, which in the
/// activation kernels is a neuron's weight vector w (and carries the bias).
public enum FeatureSide: String, Sendable, CaseIterable, Codable {
    case x, y
}

/// A feature map whose randomness has been drawn: a fixed function of a row.
///
///     K̂(x, y) = ⟨ transform(x, side: .x), transform(y, side: .y) ⟩
///
/// is the estimator's estimate for the pair, with the randomness the map was
/// fitted with. Fitting draws the projection once; `transform` then only applies
/// it, so a caller can time or repeat the transform alone (configure, fit,
/// transform, as scikit-learn's samplers do). `transform` works on a whole
/// batch (one row per point) and allocates one output matrix per call, never
/// one array per row.
public protocol FittedFeatureMap: Sendable {
    /// d: the number of columns a batch must have.
    var inputDimension: Int { get }
    /// The number of output columns (for example 2m for sin/cos pairs).
    var outputWidth: Int { get }
    /// True when both sides use the same map (`side` is then ignored).
    var isSymmetric: Bool { get }
    /// The features of every row of `batch` (n×d → n×outputWidth), in Double.
    func transform(_ batch: Matrix<Double>, side: FeatureSide) throws -> Matrix<Double>
    /// The features of every row of `batch` in Float: the map runs on Float
    /// data, with log-space constants kept in Double (ALGORITHMS.md §1, Float traps).
    func transform(_ batch: Matrix<Float>, side: FeatureSide) throws -> Matrix<Float>
}

/// An estimator that has an explicit feature-map form: the inner product of
/// the x-side and y-side features *is* its estimate.
///
/// Every estimator that `rftool features` can use conforms. (The estimators of
/// the other families, written on another branch, are to conform too; until
/// they do, `rftool features` reports that they have no feature-map form.)
public protocol FeatureMapEstimator: PointwiseEstimator {
    /// Draws the map's randomness from `stream` for inputs of dimension d and
    /// m random features (m counts random rows, §1; the output width may differ).
    ///
    /// The same stream gives the same map on both sides: that is what makes
    /// ⟨φ_x, φ_y⟩ an estimate of the kernel (the towers share their projection).
    func featureMap(inputDimension d: Int, features m: Int, projection: ProjectionKind,
                    stream: RandomStream) throws -> any FittedFeatureMap
}

extension FeatureMapEstimator {
    /// Fits the map and transforms one batch: `features(X, side:)` of ALGORITHMS.md.
    public func features(_ batch: Matrix<Double>, side: FeatureSide, features m: Int,
                         projection: ProjectionKind, stream: RandomStream) throws -> Matrix<Double> {
        try featureMap(inputDimension: batch.columns, features: m, projection: projection, stream: stream)
            .transform(batch, side: side)
    }

    /// Fits the map and transforms one batch in Float.
    public func features(_ batch: Matrix<Float>, side: FeatureSide, features m: Int,
                         projection: ProjectionKind, stream: RandomStream) throws -> Matrix<Float> {
        try featureMap(inputDimension: batch.columns, features: m, projection: projection, stream: stream)
            .transform(batch, side: side)
    }
}

extension FittedFeatureMap {
    /// Throws unless `batch` has `inputDimension` columns.
    func checkInput<S>(_ batch: Matrix<S>) throws {
        guard batch.columns == inputDimension else {
            throw EstimatorError("input rows have \(batch.columns) values but the feature map was drawn for dimension \(inputDimension)")
        }
    }

    /// Throws if a feature overflowed to ±inf or became NaN, rather than writing it out.
    func checkFinite<S: BLASScalar>(_ features: Matrix<S>) throws -> Matrix<S> {
        if let bad = features.storage.firstIndex(where: { !$0.isFinite }) {
            let row = bad / max(features.columns, 1)
            throw EstimatorError("feature values of row \(row) overflow \(S.self) (\(features.storage[bad])); scale the inputs down or use float64")
        }
        return features
    }

    /// The estimate for each pair of rows: ⟨φ(xₚ), ψ(yₚ)⟩, accumulated in Double.
    func pairEstimates(_ pairs: PairBatch) throws -> [Double] {
        let fx = try transform(pairs.x, side: .x)
        let fy = try transform(pairs.y, side: .y)
        return FeatureRowMath.rowDots(fx, fy)
    }
}
