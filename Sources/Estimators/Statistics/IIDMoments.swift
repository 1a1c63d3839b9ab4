import RealModule

/// Exact moments of two statistics of iid draws, from the moments of one draw
/// (σ² its variance, μ₄ its fourth central moment).
///
/// **Mean of m iid terms** Y₁…Y_m (centred): E(ΣYⱼ)⁴ keeps the m terms E Yⱼ⁴ and
/// the 3·m(m − 1) products E Yᵢ²Yⱼ² (i ≠ j; three pairings of four factors), so
///
///     Var(Ȳ) = σ²/m,        μ₄(Ȳ) = (μ₄ + 3(m − 1)σ⁴)/m³
///
/// **Unbiased sample variance** s² of T iid draws (Cramér, *Mathematical Methods
/// of Statistics*, 1946, §27.4):
///
///     Var(s²) = μ₄/T − σ⁴(T − 3)/(T(T − 1)),   SE(s²) = √((μ₄ − σ⁴(T − 3)/(T − 1))/T)
///
/// the formula ALGORITHMS.md §7.1 (check 2) uses with the empirical μ₄; here it
/// takes a theoretical one.
public enum IIDMoments {
    /// μ₄ of the mean of `count` iid terms with the given variance and fourth central moment.
    public static func fourthCentralMomentOfMean(variance: Double, fourthCentralMoment: Double, count m: Int) -> Double {
        precondition(m >= 1)
        let n = Double(m)
        return (fourthCentralMoment + 3 * (n - 1) * variance * variance) / (n * n * n)
    }

    /// The same μ₄ of the mean in log space, for terms whose moments leave the Double range
    /// (the exp kernel's features, `SoftmaxURFEstimator+FourthMoment.swift`):
    ///
    ///     log μ₄(Ȳ) = log μ₄ + log1p(3(m − 1)·e^{2 log σ² − log μ₄}) − 3 log m
    ///
    /// σ⁴ ≤ μ₄ for every law, so the exponential is at most 1 and nothing overflows. −infinity
    /// (a constant term, μ₄ = 0) gives −infinity.
    public static func logFourthCentralMomentOfMean(logVariance: Double, logFourthCentralMoment: Double, count m: Int) -> Double {
        precondition(m >= 1)
        if logFourthCentralMoment == -.infinity { return -.infinity }
        let n = Double(m)
        let ratio = Double.exp(2 * logVariance - logFourthCentralMoment)
        return logFourthCentralMoment + Double.log(onePlus: 3 * (n - 1) * ratio) - 3 * Double.log(n)
    }

    /// SE(s²) over `count` ≥ 2 draws, clamped at 0 when rounding makes the difference negative
    /// (μ₄ ≥ σ⁴ always; equality only for a two-point symmetric law). +infinity when μ₄ is.
    public static func sampleVarianceStandardError(variance: Double, fourthCentralMoment: Double, count t: Int) -> Double {
        precondition(t >= 2)
        let n = Double(t)
        if fourthCentralMoment == .infinity { return .infinity }
        return (max(0, fourthCentralMoment - variance * variance * (n - 3) / (n - 1)) / n).squareRoot()
    }
}
