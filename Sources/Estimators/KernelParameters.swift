/// The kernel parameters the command line accepts (`--sigma`, `--bias`,
/// `--coefficients` or `--degree/--coef`, `--urf-m`). Each kernel reads the ones
/// it uses and ignores the rest.
public struct KernelParameters: Sendable, Hashable, Codable {
    /// SNNK's parameter M (ALGORITHMS.md §5.5–5.6): a number ≥ 0, or `optimal`.
    public enum URFParameter: Sendable, Hashable, Codable, CustomStringConvertible {
        case value(Double)
        case optimal
        public var description: String {
            switch self {
            case .value(let m): return "\(m)"
            case .optimal: return "optimal"
            }
        }
    }

    /// Bandwidth σ of the Gaussian and Laplace kernels (default 1).
    public var sigma: Double
    /// Bias b of the activation kernels: exp(x·y + b), cos(x·y + b), … (default 0).
    public var bias: Double
    /// Polynomial coefficients a₀, a₁, … of Σᵢ aᵢ (x·y + b)ⁱ (default (x·y + 1)², i.e. a = 1, 2, 1 with b = 0).
    public var coefficients: [Double]
    /// SNNK's M (default 0).
    public var urfM: URFParameter

    public init(sigma: Double = 1, bias: Double = 0, coefficients: [Double] = [1, 2, 1], urfM: URFParameter = .value(0)) {
        self.sigma = sigma
        self.bias = bias
        self.coefficients = coefficients
        self.urfM = urfM
    }

    /// Coefficients of (z + c)^p in powers of z: binomial(p, i)·c^(p−i).
    public static func binomialCoefficients(degree p: Int, offset c: Double) -> [Double] {
        precondition(p >= 0)
        var result = [Double](repeating: 0, count: p + 1)
        var binomial = 1.0
        for i in 0...p {
            result[i] = binomial * pow(c, Double(p - i))
            binomial = binomial * Double(p - i) / Double(i + 1)
        }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#endif
