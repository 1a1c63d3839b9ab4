import Foundation
import RandomFeatures

extension Activation {
    /// f(z) for one pre-activation value, in Double.
    ///
    ///     gelu(z) = z·Φ(z) = (z/2)·(1 + erf(z/√2))       (exact GELU, not the tanh approximation)
    ///     polynomial(z) = Σᵢ aᵢ zⁱ                         (coefficients a₀, a₁, …)
    ///
    /// - Parameter coefficients: a₀, a₁, … for `.polynomial` (ignored otherwise).
    @inlinable
    public func apply(_ z: Double, coefficients: [Double] = []) -> Double {
        switch self {
        case .identity: return z
        case .relu: return max(z, 0)
        case .gelu: return 0.5 * z * (1 + erf(z / 2.0.squareRoot()))
        case .tanh: return Foundation.tanh(z)
        case .cos: return Foundation.cos(z)
        case .sin: return Foundation.sin(z)
        case .exp: return Foundation.exp(z)
        case .polynomial:
            // Horner: a₀ + z(a₁ + z(a₂ + …)).
            var acc = 0.0
            for a in coefficients.reversed() { acc = acc * z + a }
            return acc
        }
    }

    /// f applied in place to every entry.
    public func apply(to values: inout [Float], coefficients: [Double] = []) {
        switch self {
        case .identity: return
        case .relu: for i in values.indices { values[i] = max(values[i], 0) }
        default: for i in values.indices { values[i] = Float(apply(Double(values[i]), coefficients: coefficients)) }
        }
    }

    /// f applied in place to every entry.
    public func apply(to values: inout [Double], coefficients: [Double] = []) {
        if self == .identity { return }
        for i in values.indices { values[i] = apply(values[i], coefficients: coefficients) }
    }
}
