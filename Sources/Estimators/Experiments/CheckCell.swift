import RandomFeatures

/// What the acceptance checks need to know about one cell: its coordinates
/// and, per pair, the statistics they test. Built from a `CellResult` after a
/// run, or read back from a sweep's CSV (so `rftool merge` can check a sharded
/// sweep); the CSV's numbers round-trip, so both give the same outcomes.
public struct CheckCell: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        public var exact: Double
        public var bias: Double
        public var biasSE: Double
        public var mse: Double
        public var variance: Double
        public var varianceSE: Double
        public var varianceRatio: Double?
        public var varianceRatioSE: Double?
        /// z = ‖x − y‖/σ for shift-invariant kernels.
        public var z: Double?
        /// SE(s²)/σ² from the theoretical fourth moment, where known
        /// (`CellStatistics.theoreticalVarianceRatioSE`).
        public var varianceRatioSETheory: Double?

        public init(exact: Double, bias: Double, biasSE: Double, mse: Double, variance: Double, varianceSE: Double,
                    varianceRatio: Double?, varianceRatioSE: Double?, z: Double?, varianceRatioSETheory: Double? = nil) {
            self.exact = exact
            self.bias = bias
            self.biasSE = biasSE
            self.mse = mse
            self.variance = variance
            self.varianceSE = varianceSE
            self.varianceRatio = varianceRatio
            self.varianceRatioSE = varianceRatioSE
            self.z = z
            self.varianceRatioSETheory = varianceRatioSETheory
        }
    }

    public var kernel: String
    public var estimator: String
    public var projection: ProjectionKind
    public var dimension: Int
    public var features: Int
    public var radius: Double?
    /// Everything else that tells two series apart: kernel parameters and the source of pairs.
    public var context: String
    public var pairs: [Pair]

    public init(kernel: String, estimator: String, projection: ProjectionKind, dimension: Int, features: Int,
                radius: Double?, context: String, pairs: [Pair]) {
        self.kernel = kernel
        self.estimator = estimator
        self.projection = projection
        self.dimension = dimension
        self.features = features
        self.radius = radius
        self.context = context
        self.pairs = pairs
    }

    public init(_ result: CellResult) {
        let c = result.cell
        self.init(kernel: c.kernel, estimator: c.estimator, projection: c.projection, dimension: c.dimension,
                  features: c.features, radius: c.radius,
                  context: Self.context(parameters: c.parameters, pairsFrom: c.pairsFrom),
                  pairs: result.pairs.enumerated().map { p, s in
                      Pair(exact: s.exact, bias: s.bias, biasSE: s.biasSE, mse: s.mse, variance: s.variance,
                           varianceSE: s.varianceSE, varianceRatio: s.varianceRatio,
                           varianceRatioSE: s.varianceRatioSE, z: c.distances[p],
                           varianceRatioSETheory: s.varianceRatioSETheory)
                  })
    }

    /// The context text; the CSV reader rebuilds it from the columns sigma, kernel_bias, coefficients, urf_m, pairs_from.
    public static func context(sigma: String, bias: String, coefficients: String, urfM: String, pairsFrom: String) -> String {
        "sigma=\(sigma),bias=\(bias),coefficients=\(coefficients),urf-m=\(urfM),pairs=\(pairsFrom)"
    }

    static func context(parameters p: KernelParameters, pairsFrom: String) -> String {
        let urf: String
        switch p.urfM {
        case .value(let m): urf = "\(m)"
        case .optimal: urf = "optimal"
        }
        return context(sigma: "\(p.sigma)", bias: "\(p.bias)", coefficients: p.coefficients.map { "\($0)" }.joined(separator: ";"),
                       urfM: urf, pairsFrom: pairsFrom)
    }

    /// The mean MSE over pairs (as in `CellSummary`).
    var meanMSE: Double { CellSummary.mean(pairs.map(\.mse)) ?? 0 }

    /// Identifies the cell apart from its projection (and, if nil, its feature count).
    func seriesKey(features m: Int?) -> String {
        "\(kernel)/\(estimator)/d=\(dimension)/m=\(m.map(String.init) ?? "*")/r=\(radius.map { "\($0)" } ?? "-")/\(context)"
    }

    var label: String {
        "\(kernel)/\(estimator)/\(projection.rawValue) d=\(dimension) m=\(features)\(radius.map { " r=\($0)" } ?? "")"
    }
}
