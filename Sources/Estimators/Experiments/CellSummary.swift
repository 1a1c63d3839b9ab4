/// One cell's statistics averaged over its pairs (a row of `NAME.summary.csv`).
///
///     mean_mse = (1/P) Σ_p mse_p,   mean_abs_bias = (1/P) Σ_p |bias_p|,   mean_variance = (1/P) Σ_p variance_p
///     mean_rel_mse, mean_variance_ratio: the same over the pairs where the value exists (nil if none)
///
/// The sums run in pair order, so the values are the same on every run.
public struct CellSummary: Sendable {
    public let meanMSE: Double
    public let meanRelativeMSE: Double?
    public let meanAbsoluteBias: Double
    public let meanVariance: Double
    public let meanVarianceRatio: Double?

    public init(_ result: CellResult) {
        let stats = result.pairs
        meanMSE = Self.mean(stats.map(\.mse))!
        meanRelativeMSE = Self.mean(stats.compactMap(\.relativeMSE))
        meanAbsoluteBias = Self.mean(stats.map { abs($0.bias) })!
        meanVariance = Self.mean(stats.map(\.variance))!
        meanVarianceRatio = Self.mean(stats.compactMap(\.varianceRatio))
    }

    /// The arithmetic mean in index order, nil for an empty list.
    static func mean(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        var s = 0.0
        for v in values { s += v }
        return s / Double(values.count)
    }
}
