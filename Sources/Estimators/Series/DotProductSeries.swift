import RealModule

/// A dot-product kernel f(z) = Σₙ aₙ zⁿ (z = x·y + b), as random Maclaurin
/// features see it: its coefficients, its exact value and its degree.
public struct DotProductSeries: Sendable {
    /// aₙ for n ≥ 0.
    public let coefficient: @Sendable (Int) -> Double
    /// f(z), exactly.
    public let value: @Sendable (Double) -> Double
    /// The last non-zero coefficient, or nil for an infinite series.
    public let degree: Int?

    public init(coefficient: @escaping @Sendable (Int) -> Double, value: @escaping @Sendable (Double) -> Double, degree: Int?) {
        self.coefficient = coefficient
        self.value = value
        self.degree = degree
    }

    /// The polynomial Σᵢ aᵢ zⁱ.
    public static func polynomial(_ a: [Double]) -> DotProductSeries {
        let degree = a.lastIndex(where: { $0 != 0 }) ?? 0
        return DotProductSeries(
            coefficient: { n in n < a.count ? a[n] : 0 },
            value: { z in PolynomialKernel(coefficients: a).activation(z) },
            degree: degree)
    }

    /// exp z = Σ zⁿ/n! (the softmax kernel as a dot-product series).
    public static let exponential = DotProductSeries(
        coefficient: { MaclaurinSeries.exponential($0) },
        value: { Double.exp($0) },
        degree: nil)

    /// Σ_{n ≥ from} aₙ² wₙ qⁿ for weights wₙ = 1/P(n) given as log wₙ, summed until the
    /// tail is below 1e-17 relative (or through `degree`). +infinity if it diverges.
    func weightedSquareSum(q: Double, from start: Int, logWeight: (Int) -> Double) -> Double {
        var sum = 0.0
        var n = start
        var smallTerms = 0
        while n <= (degree ?? 5000) {
            let a = coefficient(n)
            if a != 0 {
                let term = q == 0 ? (n == 0 ? a * a * Double.exp(logWeight(0)) : 0)
                    : Double.exp(2 * Double.log(abs(a)) + logWeight(n) + Double(n) * Double.log(q))
                sum += term
                if degree == nil {
                    smallTerms = term <= 1e-17 * sum ? smallTerms + 1 : 0
                    if smallTerms >= 8 { return sum }
                }
            }
            n += 1
        }
        return degree == nil ? .infinity : sum
    }
}
