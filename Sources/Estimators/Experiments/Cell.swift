import RandomFeatures

/// One cell of a sweep: a kernel and estimator, a projection, an input
/// dimension d and a feature count m, evaluated at P pairs over T trials.
///
/// A cell's randomness is a pure function of the run's seed and the cell's
/// identity (`id`), never of its position in the plan or of the thread that
/// runs it:
///
///     trial stream t = RandomStream(seed).child(tag "trials", FNV-1a(id), t)
///
/// so adding cells, sharding the plan or changing the thread count leaves every
/// other cell's numbers unchanged. Under `FeatureDesign.nested` (the sweep's default) the
/// trial streams belong to the cell's group instead (`groupID`: the identity without m),
/// and the group's cells use the leading m rows of one draw per trial.
public struct Cell: Sendable {
    /// Position in the plan (the `cell` column); shards and merges order rows by it.
    public let index: Int
    public let kernel: String
    public let estimator: String
    public let projection: ProjectionKind
    public let dimension: Int
    public let features: Int
    public let parameters: KernelParameters
    /// Index of the shared pair set in `ExperimentPlan.pairSets`.
    public let pairSetIndex: Int
    public let pairDesign: PairDesign
    /// `--input` label of the pairs (the `pairs_from` column).
    public let pairsFrom: String
    /// Exact kernel value at each pair.
    public let exact: [Double]
    /// Theoretical variance of one estimate at each pair, where a closed form exists.
    public let varianceTheory: [Double?]
    /// Whether one estimate has a finite fourth moment at each pair (else the
    /// variance check skips the pair).
    public let fourthMomentFinite: [Bool]
    /// Fourth central moment of one estimate at each pair, where known
    /// (`PointwiseEstimator.fourthCentralMomentTheory`); decides whether the
    /// variance check can test the pair.
    public let fourthMomentTheory: [Double?]
    /// z_p = ‖x_p − y_p‖/σ for shift-invariant kernels, else nil.
    public let distances: [Double?]
    /// The estimator, built once for the cell's parameters.
    public let estimatorInstance: any PointwiseEstimator

    public var radius: Double? { pairDesign.radius }

    /// The cell's identity as text: what it computes, not where it sits.
    public var id: String {
        Self.identity(kernel: kernel, estimator: estimator, projection: projection, dimension: dimension,
                      features: features, parameters: parameters, pairs: pairsFrom, design: pairDesign)
    }

    /// The identity of the cell's nested group: everything but m. Under
    /// `FeatureDesign.nested` the cells of one group share each trial's randomness.
    public var groupID: String {
        Self.identity(kernel: kernel, estimator: estimator, projection: projection, dimension: dimension,
                      features: nil, parameters: parameters, pairs: pairsFrom, design: pairDesign)
    }

    /// The stream trial `t` of this cell draws all its randomness from under
    /// `FeatureDesign.independent` (and in Gram mode); under `.nested` the trial draws from
    /// the same construction with `groupID` in place of `id`.
    public func trialStream(seed: UInt64, trial t: Int) -> RandomStream {
        Self.trialRoot(seed: seed, id: id).child(UInt64(t))
    }

    static func trialRoot(seed: UInt64, id: String) -> RandomStream {
        RandomStream(seed: seed).child(StreamTag.trials, StableHash.fnv1a64(id))
    }

    static func identity(kernel: String, estimator: String, projection: ProjectionKind, dimension: Int,
                         features: Int?, parameters: KernelParameters, pairs: String, design: PairDesign) -> String {
        let p = parameters
        let coefficients = p.coefficients.map { "\($0)" }.joined(separator: ";")
        return "\(kernel)/\(estimator)/\(projection.rawValue)/d=\(dimension)/m=\(features.map(String.init) ?? "*")"
            + "/pairs=\(pairs):\(design.key)/sigma=\(p.sigma),bias=\(p.bias),coefficients=\(coefficients),urf-m=\(p.urfM)"
    }

    init(index: Int, kernel: String, estimator: String, projection: ProjectionKind, dimension: Int, features: Int,
         parameters: KernelParameters, pairSetIndex: Int, pairDesign: PairDesign, pairsFrom: String,
         exact: [Double], varianceTheory: [Double?], fourthMomentFinite: [Bool], fourthMomentTheory: [Double?],
         distances: [Double?],
         estimatorInstance: any PointwiseEstimator) {
        self.index = index
        self.kernel = kernel
        self.estimator = estimator
        self.projection = projection
        self.dimension = dimension
        self.features = features
        self.parameters = parameters
        self.pairSetIndex = pairSetIndex
        self.pairDesign = pairDesign
        self.pairsFrom = pairsFrom
        self.exact = exact
        self.varianceTheory = varianceTheory
        self.fourthMomentFinite = fourthMomentFinite
        self.fourthMomentTheory = fourthMomentTheory
        self.distances = distances
        self.estimatorInstance = estimatorInstance
    }
}

/// First indices of the child streams a sweep derives from its root stream,
/// keeping pair streams and trial streams apart.
enum StreamTag {
    static let pairs: UInt64 = 0x7061_6972_73   // "pairs"
    static let trials: UInt64 = 0x7472_6961_6c73 // "trials"
}
