import RealModule

/// exp(x·y + b): the softmax kernel SM = exp(x·y) at b = 0 (ALGORITHMS.md §4).
public struct ExponentialKernel: Kernel {
    public let bias: Double
    public init(bias: Double = 0) { self.bias = bias }
    public var name: String { "exp" }
    public func value(x: [Double], y: [Double]) -> Double { Double.exp(KernelMath.dot(x, y) + bias) }
}

/// cos(x·w + b) or sin(x·w + b), the trigonometric activation kernels (§4).
public struct TrigonometricKernel: Kernel {
    public enum Function: String, Sendable, CaseIterable { case cos, sin }
    public let function: Function
    public let bias: Double
    public init(_ function: Function, bias: Double = 0) {
        self.function = function
        self.bias = bias
    }
    public var name: String { function.rawValue }
    public func value(x: [Double], y: [Double]) -> Double {
        let z = KernelMath.dot(x, y) + bias
        return function == .cos ? Double.cos(z) : Double.sin(z)
    }
}

/// Σᵢ aᵢ (x·y + b)ⁱ; `--degree p --coef c` is (x·y + c)^p with b = 0 (§4, §5.8–5.10).
public struct PolynomialKernel: Kernel {
    /// a₀, a₁, …
    public let coefficients: [Double]
    public let bias: Double
    public init(coefficients: [Double], bias: Double = 0) {
        self.coefficients = coefficients
        self.bias = bias
    }
    public var name: String { "polynomial" }
    /// f(z) = Σᵢ aᵢ zⁱ at z.
    public func activation(_ z: Double) -> Double { KernelMath.horner(coefficients, at: z) }
    public func value(x: [Double], y: [Double]) -> Double { activation(KernelMath.dot(x, y) + bias) }
}

/// An activation given by its Fourier transform, f(x·w + b) (ALGORITHMS.md §4,
/// "Activation kernels"; estimated by universal random features, §5.6):
///
/// | name                | f(z)        | u = 2πξ ~ F̃ |
/// |---------------------|-------------|-------------|
/// | `gauss-activation`  | exp(−z²/2)  | N(0, 1)     |
/// | `cauchy-activation` | 1/(1 + z²)  | Laplace(0, 1) |
public struct FourierActivationKernel: Kernel {
    public enum Activation: String, Sendable, CaseIterable {
        case gauss = "gauss-activation"
        case cauchy = "cauchy-activation"

        /// f(z).
        public func value(_ z: Double) -> Double {
            switch self {
            case .gauss: return Double.exp(-z * z / 2)
            case .cauchy: return 1 / (1 + z * z)
            }
        }
    }
    public let activation: Activation
    public let bias: Double
    public init(_ activation: Activation, bias: Double = 0) {
        self.activation = activation
        self.bias = bias
    }
    public var name: String { activation.rawValue }
    public func value(x: [Double], y: [Double]) -> Double { activation.value(KernelMath.dot(x, y) + bias) }
}
