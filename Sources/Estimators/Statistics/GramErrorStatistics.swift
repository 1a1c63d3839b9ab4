import CGSL

/// Summary of the T per-trial Gram errors e_t = ‖K − K̂_t‖_F / ‖K‖_F of one
/// cell (ALGORITHMS.md §7.1, "Per trial, report the Gram error"), from GSL:
///
///     mean   = (1/T) Σ e_t                       gsl_stats_mean
///     sd     = √(1/(T−1) Σ (e_t − mean)²)        gsl_stats_sd_m
///     stderr = sd / √T
///     median, min, max of the sorted e_t         gsl_sort, gsl_stats_median_from_sorted_data
public struct GramErrorStatistics: Sendable, Equatable {
    public let count: Int
    public let mean: Double
    public let sd: Double
    public let stderr: Double
    public let median: Double
    public let min: Double
    public let max: Double

    public init(errors: [Double]) {
        precondition(errors.count >= 2, "statistics need at least two trials")
        var sorted = errors
        let n = sorted.count
        count = n
        (mean, sd, median) = sorted.withUnsafeMutableBufferPointer { b in
            let p = b.baseAddress!
            let m = gsl_stats_mean(p, 1, n)
            let s = gsl_stats_sd_m(p, 1, n, m)
            gsl_sort(p, 1, n)
            return (m, s, gsl_stats_median_from_sorted_data(p, 1, n))
        }
        stderr = sd / Double(n).squareRoot()
        min = sorted[0]
        max = sorted[n - 1]
    }
}
