import RealModule

/// Maclaurin coefficients aₙ of f(z) = Σₙ aₙ zⁿ for activations that random
/// Maclaurin features expand (ALGORITHMS.md §5.8), in Double.
///
/// These correct the series in arijitthegame/neural-network-kernels (trap §8.10):
/// its GELU series has both signs reversed and a linear term 1/√π, and its tanh
/// recursion is called with the wrong argument (giving −2/15 for the z³ term).
public enum MaclaurinSeries {
    /// GELU(z) = z Φ(z) = z/2 + Σ_{k≥0} (−1)^k z^{2k+2} / (√(2π) 2^k k! (2k+1))  `[derived; checked against erf]`
    ///
    ///     a₁ = 1/2,  a₂ = +1/√(2π),  a₄ = −1/(6√(2π)),  a₆ = +1/(40√(2π)),  a₈ = −1/(336√(2π)),  a_odd≥3 = 0
    ///
    /// Positive for n ≡ 2 (mod 4), negative for n ≡ 0 (mod 4).
    /// - Returns: a₀ … a_degree.
    public static func gelu(through degree: Int) -> [Double] {
        precondition(degree >= 0)
        var a = [Double](repeating: 0, count: degree + 1)
        if degree >= 1 { a[1] = 0.5 }
        let root2pi = (2 * Double.pi).squareRoot()
        var k = 0
        while 2 * k + 2 <= degree {
            // log(2^k k!) via lgamma keeps large k finite.
            let magnitude = Double.exp(-(Double(k) * Double.log(2) + Double.logGamma(Double(k + 1)))) / (root2pi * Double(2 * k + 1))
            a[2 * k + 2] = k % 2 == 0 ? magnitude : -magnitude
            k += 1
        }
        return a
    }

    /// tanh z = z − z³/3 + 2z⁵/15 − 17z⁷/315 + …, from |a_{2n+1}| = tₙ with
    ///
    ///     t₀ = 1,   tₙ = (1/(2n+1)) Σ_{k<n} t_k t_{n−k−1}
    ///
    /// (the recursion of ALGORITHMS.md §5.8 with the argument (n−1)/2 done right).
    /// The series converges for |z| < π/2.
    /// - Returns: a₀ … a_degree.
    public static func tanh(through degree: Int) -> [Double] {
        precondition(degree >= 0)
        var a = [Double](repeating: 0, count: degree + 1)
        var t: [Double] = []
        var n = 0
        while 2 * n + 1 <= degree {
            var s = n == 0 ? 1.0 : 0.0
            for k in 0..<n { s += t[k] * t[n - k - 1] }
            let tn = n == 0 ? 1.0 : s / Double(2 * n + 1)
            t.append(tn)
            a[2 * n + 1] = n % 2 == 0 ? tn : -tn
            n += 1
        }
        return a
    }

    /// exp z = Σ zⁿ/n!: aₙ = 1/n!, computed as exp(−log Γ(n+1)).
    public static func exponential(_ n: Int) -> Double {
        Double.exp(-Double.logGamma(Double(n + 1)))
    }

    /// Σₙ aₙ zⁿ by Horner's rule.
    public static func evaluate(_ coefficients: [Double], at z: Double) -> Double {
        coefficients.reversed().reduce(0.0) { $0 * z + $1 }
    }
}
