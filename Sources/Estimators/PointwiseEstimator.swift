import RandomFeatures

/// A batch of P input pairs (x_p, y_p), each row of `x` paired with the same
/// row of `y` (both P×d). In activation kernels y plays the role of a neuron's
/// weight vector w.
public struct PairBatch: Sendable {
    public let x: Matrix<Double>
    public let y: Matrix<Double>
    public init(x: Matrix<Double>, y: Matrix<Double>) {
        precondition(x.rows == y.rows && x.columns == y.columns, "x and y batches must have the same shape")
        self.x = x
        self.y = y
    }
    public var count: Int { x.rows }
    public var dimension: Int { x.columns }
}

/// Why an estimator refuses a configuration or an input. The message is one
/// line, names what is wrong and, where it helps, lists what is accepted.
public struct EstimatorError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A random-feature estimator of one kernel: K̂ = (1/m) Σᵢ ζᵢ over m random
/// rows (ALGORITHMS.md §1, "How m is counted").
///
/// One *trial* draws all of the estimator's randomness once, from the stream it
/// is given, and returns one estimate per pair; every pair of the batch shares
/// that randomness. Independent trials use independent streams, so a trial's
/// result depends only on (stream, pairs, m, projection), never on threads.
public protocol PointwiseEstimator: Sendable {
    /// Kernel name as on the command line (`gaussian`, `exp`, …).
    var kernelName: String { get }
    /// Estimator name as on the command line (`trig`, `positive`, …).
    var estimatorName: String { get }
    /// The projections this estimator is meaningful with; others are refused.
    var validProjections: [ProjectionKind] { get }
    /// The exact kernel value at one pair, in Double.
    func exact(x: [Double], y: [Double]) throws -> Double
    /// Checks a pair before estimation (e.g. refuses inputs with infinite variance).
    func validate(x: [Double], y: [Double]) throws
    /// One trial: m features drawn from `stream` with `projection`; one estimate per pair.
    func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double]
    /// One trial at several feature counts that share their randomness: result[i] is the
    /// estimate of each pair with `features[i]` features (ascending), all drawn from `stream`.
    /// Projections are drawn row by row, so the estimator with m features uses the leading m
    /// rows of the largest one (common random numbers across m; each count's estimate has
    /// exactly the distribution of `estimate` with that count). The default calls `estimate`
    /// once per count with the same stream; estimators that can share the work override it.
    func estimate(pairs: PairBatch, nestedFeatures features: [Int], projection: ProjectionKind,
                  stream: RandomStream) throws -> [[Double]]
    /// Variance of one estimate with m features, where a closed form exists for
    /// this projection (iid rows), else nil — never made up.
    func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double?
    /// Whether one estimate has a finite fourth moment at this pair. Where it has
    /// not, the sample variance has no standard error, and the variance check of
    /// ALGORITHMS.md §7.1 skips the pair (its `variance_ratio_se` is left empty).
    func hasFiniteFourthMoment(x: [Double], y: [Double]) -> Bool
    /// The fourth central moment E(K̂ − E K̂)⁴ of one estimate with m features, where
    /// it is known for this projection (exactly, in closed form or by quadrature), else
    /// nil — never made up. +infinity where `hasFiniteFourthMoment` is false. With
    /// `varianceTheory` it gives the exact standard error of the sample variance over
    /// T trials, which decides whether the variance check of ALGORITHMS.md §7.1 can
    /// test the pair at all (`AcceptanceCheck.varianceCheck`).
    func fourthCentralMomentTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double?
}

extension PointwiseEstimator {
    public func estimate(pairs: PairBatch, nestedFeatures features: [Int], projection: ProjectionKind,
                         stream: RandomStream) throws -> [[Double]] {
        try features.map { try estimate(pairs: pairs, features: $0, projection: projection, stream: stream) }
    }
    public func validate(x: [Double], y: [Double]) throws {}
    public func hasFiniteFourthMoment(x: [Double], y: [Double]) -> Bool { true }
    public func fourthCentralMomentTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? { nil }
}
