import CGSL

/// The statistics of T independent estimates e₁…e_T of one kernel value
/// (one experiment cell, one input pair), against the exact value k
/// (ALGORITHMS.md §7.1). Every moment comes from GSL's `gsl_stats_*`.
///
///     mean      = (1/T) Σ e_t                                   gsl_stats_mean
///     variance  = 1/(T−1) Σ (e_t − mean)²   (ddof 1)            gsl_stats_variance_m
///     bias      = mean − k
///     stderr    = bias_se = √variance / √T   (standard error of the mean, so of the bias)
///     mse       = (1/T) Σ (e_t − k)²                            gsl_stats_tss_m(…, k) / T
///     rel_mse   = mse / k²,   rel_rmse = √mse / |k|,   mean_abs_rel_error = (1/T) Σ |e_t − k| / |k|
///                 (all three nil when |k| < 1e-12)
///
/// **Confidence interval of the MSE (`mse_lo`, `mse_hi`).** The MSE is the mean
/// of the squared errors s_t = (e_t − k)², so by the central limit theorem
///
///     mse_se = sd(s₁…s_T) / √T                                  gsl_stats_sd on the s_t
///     [mse_lo, mse_hi] = mse ∓ z·mse_se,   z = Φ⁻¹(0.975) = 1.959964…   gsl_cdf_ugaussian_Pinv
///
/// a normal-approximation 95% interval; `mse_lo` is clamped at 0. Squared
/// errors are skewed, so the interval is approximate for small T (it is
/// reliable for the T ≥ a few hundred the sweeps use).
///
/// **Variance against theory.** With the empirical fourth central moment
///
///     m4 = (1/T) Σ (e_t − mean)⁴ = (kurtosis + 3)·sd⁴             gsl_stats_kurtosis_m_sd
///     SE(variance) ≈ √((m4 − variance²)/T)
///     variance_ratio = variance / theory,   variance_ratio_se = SE(variance) / theory
///
/// (ALGORITHMS.md §7.1, acceptance check 2: the normal-theory χ² interval is too
/// narrow for heavy-tailed estimators, the fourth-moment one is not).
///
/// **The same SE from theory**, where the estimator knows the fourth central moment
/// μ₄ of one estimate (`fourthCentralMomentTheory`, CSV column
/// `fourth_central_moment_theory`): with σ² = theory, exactly
/// (`IIDMoments.sampleVarianceStandardError`),
///
///     varianceRatioSETheory = √((μ₄ − σ⁴(T − 3)/(T − 1))/T) / σ²
///
/// the relative SE the sample variance really has. The empirical m4 estimates μ₄
/// badly when the kurtosis is large (the draws that make μ₄ are rare), so the variance
/// check uses this one to decide whether a pair can be tested (`AcceptanceCheck`). It
/// is not written to the CSV: `SweepTable.checkCells` recomputes it from
/// `variance_theory`, `fourth_central_moment_theory` and `trials`.
public struct CellStatistics: Sendable, Equatable {
    /// T, the number of estimates.
    public let count: Int
    /// The exact kernel value k the estimates are compared with.
    public let exact: Double
    public let mean: Double
    /// Sample variance with T − 1 in the denominator.
    public let variance: Double
    public let bias: Double
    /// √variance/√T: the standard error of `mean` and of `bias` (`stderr` and `bias_se` in the CSV).
    public let biasSE: Double
    public let mse: Double
    /// Standard error of `mse`: sd of the squared errors over √T.
    public let mseSE: Double
    public let mseLow: Double
    public let mseHigh: Double
    public let relativeMSE: Double?
    public let relativeRMSE: Double?
    public let meanAbsoluteRelativeError: Double?
    /// m4, the fourth central moment with 1/T.
    public let fourthCentralMoment: Double
    /// √((m4 − variance²)/T), clamped at 0 when rounding makes the difference negative.
    public let varianceSE: Double
    public let varianceTheory: Double?
    public let varianceRatio: Double?
    public let varianceRatioSE: Double?
    /// μ₄ of one estimate from theory, where known (+infinity where infinite).
    public let fourthCentralMomentTheory: Double?
    /// SE(s²)/σ² from σ² = `varianceTheory` and μ₄ = `fourthCentralMomentTheory` (see above).
    public let varianceRatioSETheory: Double?

    /// Below this |k| the relative errors are omitted (ALGORITHMS.md §7.1).
    public static let relativeErrorFloor = 1e-12
    /// Φ⁻¹(0.975), the two-sided 95% normal quantile.
    public static let z975: Double = gsl_cdf_ugaussian_Pinv(0.975)

    /// - Parameters:
    ///   - estimates: T ≥ 2 independent estimates of one kernel value.
    ///   - exact: the exact kernel value.
    ///   - varianceTheory: the variance of one estimate where a closed form exists, else nil.
    ///   - fourthMomentFinite: false where one estimate's fourth moment is infinite: the
    ///     ratio to theory is still reported, its standard error is not (nil).
    ///   - fourthMomentTheory: μ₄ of one estimate where known, else nil.
    public init(estimates: [Double], exact: Double, varianceTheory: Double?, fourthMomentFinite: Bool = true,
                fourthMomentTheory: Double? = nil) {
        precondition(estimates.count >= 2, "statistics need at least two estimates")
        _ = gslErrorHandlerOff
        let t = estimates.count
        let n = Double(t)
        count = t
        self.exact = exact
        var squaredErrors = [Double](repeating: 0, count: t)
        var m = 0.0, v = 0.0, sd = 0.0, kurtosis = 0.0, sse = 0.0, absoluteDeviation = 0.0, squaredErrorSD = 0.0
        estimates.withUnsafeBufferPointer { e in
            let p = e.baseAddress!
            m = gsl_stats_mean(p, 1, t)
            v = gsl_stats_variance_m(p, 1, t, m)
            sd = v.squareRoot()
            if sd > 0 { kurtosis = gsl_stats_kurtosis_m_sd(p, 1, t, m, sd) }
            sse = gsl_stats_tss_m(p, 1, t, exact)
            absoluteDeviation = gsl_stats_absdev_m(p, 1, t, exact)
            for i in 0..<t {
                let error = p[i] - exact
                squaredErrors[i] = error * error
            }
        }
        squaredErrors.withUnsafeBufferPointer { s in
            squaredErrorSD = gsl_stats_sd(s.baseAddress!, 1, t)
        }
        mean = m
        variance = v
        bias = m - exact
        biasSE = sd / n.squareRoot()
        mse = sse / n
        mseSE = squaredErrorSD / n.squareRoot()
        mseLow = max(0, mse - Self.z975 * mseSE)
        mseHigh = mse + Self.z975 * mseSE
        let relative = abs(exact) >= Self.relativeErrorFloor
        relativeMSE = relative ? mse / (exact * exact) : nil
        relativeRMSE = relative ? mse.squareRoot() / abs(exact) : nil
        meanAbsoluteRelativeError = relative ? absoluteDeviation / abs(exact) : nil
        let m4 = sd > 0 ? (kurtosis + 3) * (v * v) : 0
        fourthCentralMoment = m4
        varianceSE = (max(0, m4 - v * v) / n).squareRoot()
        self.varianceTheory = varianceTheory
        if let theory = varianceTheory, theory > 0 {
            varianceRatio = v / theory
            varianceRatioSE = fourthMomentFinite ? varianceSE / theory : nil
        } else {
            varianceRatio = nil
            varianceRatioSE = nil
        }
        fourthCentralMomentTheory = fourthMomentTheory
        varianceRatioSETheory = Self.theoreticalVarianceRatioSE(varianceTheory: varianceTheory,
                                                                fourthMomentTheory: fourthMomentTheory, trials: t)
    }

    /// SE(s²)/σ² over T trials from σ² = `varianceTheory` > 0 and μ₄ = `fourthMomentTheory`;
    /// nil unless both are known; +infinity where μ₄ is.
    public static func theoreticalVarianceRatioSE(varianceTheory: Double?, fourthMomentTheory: Double?, trials: Int) -> Double? {
        guard let theory = varianceTheory, theory > 0, let fourth = fourthMomentTheory, trials >= 2 else { return nil }
        // An infinite μ₄ (infinite, or beyond the Double range) means no power: +infinity, also
        // where σ² itself overflowed (∞/∞ would be NaN).
        if fourth == .infinity { return .infinity }
        return IIDMoments.sampleVarianceStandardError(variance: theory, fourthCentralMoment: fourth, count: trials) / theory
    }
}

/// GSL's default handler aborts the process; rftool checks statuses instead.
/// (The statistics routines used here never fail, but the handler is turned
/// off once before any GSL call, as the project brief asks.)
let gslErrorHandlerOff: Void = {
    _ = gsl_set_error_handler_off()
    return ()
}()
