import CGSL

/// Ordinary least squares y ≈ c₀ + c₁·x through GSL's `gsl_fit_linear`.
public struct LinearFit: Sendable, Equatable {
    public let intercept: Double
    public let slope: Double
    /// Standard error of the slope, √cov₁₁ from the residual variance.
    public let slopeSE: Double

    /// Fits at least two points with distinct x; nil otherwise or when GSL reports an error.
    public init?(x: [Double], y: [Double]) {
        precondition(x.count == y.count)
        guard x.count >= 2, Set(x).count >= 2 else { return nil }
        _ = gslErrorHandlerOff
        var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, sumsq = 0.0
        let status = gsl_fit_linear(x, 1, y, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &sumsq)
        guard status == GSL_SUCCESS else { return nil }
        intercept = c0
        slope = c1
        slopeSE = cov11.squareRoot()
    }
}
