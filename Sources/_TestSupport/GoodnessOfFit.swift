import CGSL
import RandomFeatures

/// The one-sample Kolmogorov–Smirnov test of `samples` against a continuous CDF.
///
///     D = sup_x |F_n(x) − F(x)|,   p ≈ Q_KS((√n + 0.12 + 0.11/√n)·D)
///     Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²}
///
/// (Stephens' small-sample correction; Press et al., "Numerical Recipes", 3rd ed., §14.3.3.)
/// The CDF comes from GSL in the tests (`gsl_cdf_*`), never from the code under test.
/// - Returns: the statistic D and its asymptotic p-value.
public func kolmogorovSmirnov(_ samples: [Double], cdf: (Double) -> Double) -> (statistic: Double, pValue: Double) {
    precondition(!samples.isEmpty)
    let sorted = samples.sorted()
    let n = Double(sorted.count)
    var d = 0.0
    for (i, x) in sorted.enumerated() {
        let f = cdf(x)
        d = max(d, f - Double(i) / n, Double(i + 1) / n - f)
    }
    let root = n.squareRoot()
    return (d, kolmogorovTail((root + 0.12 + 0.11 / root) * d))
}

/// Q_KS(λ) = P(K > λ) for the Kolmogorov distribution.
public func kolmogorovTail(_ lambda: Double) -> Double {
    if lambda < 0.2 { return 1 }
    var sum = 0.0, sign = 1.0
    for k in 1...100 {
        let term = sign * Double.exp(-2 * Double(k * k) * lambda * lambda)
        sum += term
        if abs(term) < 1e-17 { break }
        sign = -sign
    }
    return max(0, min(1, 2 * sum))
}

/// Pearson's chi-square test of observed counts against expected counts (all > 0).
///
///     X² = Σ (Oᵢ − Eᵢ)²/Eᵢ,   p = P(χ²_{k−1} > X²)   (GSL gsl_cdf_chisq_Q)
public func chiSquareTest(observed: [Int], expected: [Double]) -> (statistic: Double, pValue: Double) {
    precondition(observed.count == expected.count && observed.count >= 2)
    var x2 = 0.0
    for (o, e) in zip(observed, expected) {
        precondition(e > 0)
        x2 += (Double(o) - e) * (Double(o) - e) / e
    }
    return (x2, gsl_cdf_chisq_Q(x2, Double(observed.count - 1)))
}

/// The p-value below which a goodness-of-fit test at a fixed seed fails: the two-sided
/// tail probability of 5 standard deviations, matching the 5-SE rule of the other tests.
public let fiveSigmaPValue = 5.733e-7

/// CDF of the χ distribution with k degrees of freedom: P(χ_k ≤ r) = P(χ²_k ≤ r²) (GSL).
public func chiCDF(_ r: Double, degrees k: Int) -> Double {
    r <= 0 ? 0 : gsl_cdf_chisq_P(r * r, Double(k))
}
