import RealModule

/// Cho–Saul arc-cosine kernel of order n ([CS09]; ALGORITHMS.md §4):
///
///     kₙ(x, y) = (1/π) ‖x‖ⁿ ‖y‖ⁿ Jₙ(θ),   θ = angle(x, y)
///     J₀ = π − θ                         k₀ = 1 − θ/π
///     J₁ = sin θ + (π − θ) cos θ
///     J₂ = 3 sin θ cos θ + (π − θ)(1 + 2cos²θ)
///     J₃ = sin θ (4 + 11cos²θ) + (π − θ)(9cos θ + 6cos³θ)
///     J₄ = sin θ cos θ (55 + 50cos²θ) + (π − θ)(9 + 72cos²θ + 24cos⁴θ)
///
/// `[derived from CS09's recursion, MC 4e6]`. E_{w~N(0,I)}[Θ(w·x)Θ(w·y)(w·x)ⁿ(w·y)ⁿ] = kₙ/2.
/// J₃ and J₄ serve the variances only. Orders 0…2 are kernels here (`arccos0`,
/// `arccos1` on the command line; order 2 for tests).
public struct ArcCosineKernel: Kernel {
    public let order: Int
    public init(order: Int) {
        precondition((0...2).contains(order), "arc-cosine orders 0, 1 and 2 are implemented")
        self.order = order
    }
    public var name: String { "arccos\(order)" }

    /// θ = 2·atan2(‖x̂ − ŷ‖, ‖x̂ + ŷ‖): accurate near 0 and π, where acos is not.
    /// Zero vectors have no angle; callers refuse them (the value is then NaN).
    public static func angle(_ x: [Double], _ y: [Double]) -> Double {
        let nx = KernelMath.squaredNorm(x).squareRoot(), ny = KernelMath.squaredNorm(y).squareRoot()
        guard nx > 0 && ny > 0 else { return .nan }
        var minus = 0.0, plus = 0.0
        for i in x.indices {
            let a = x[i] / nx, b = y[i] / ny
            minus += (a - b) * (a - b)
            plus += (a + b) * (a + b)
        }
        return 2 * Double.atan2(y: minus.squareRoot(), x: plus.squareRoot())
    }

    /// Jₙ(θ) for n = 0…4.
    public static func j(_ n: Int, _ theta: Double) -> Double {
        let s = Double.sin(theta), c = Double.cos(theta), r = Double.pi - theta
        switch n {
        case 0: return r
        case 1: return s + r * c
        case 2: return 3 * s * c + r * (1 + 2 * c * c)
        case 3: return s * (4 + 11 * c * c) + r * (9 * c + 6 * c * c * c)
        case 4: return s * c * (55 + 50 * c * c) + r * (9 + 72 * c * c + 24 * c * c * c * c)
        default: preconditionFailure("J_n is implemented for n = 0…4")
        }
    }

    /// At a zero vector k₁ = k₂ = 0; k₀ has no value there (NaN) and estimators refuse it.
    public func value(x: [Double], y: [Double]) -> Double {
        if order > 0 && (KernelMath.squaredNorm(x) == 0 || KernelMath.squaredNorm(y) == 0) { return 0 }
        let theta = Self.angle(x, y)
        let norms = Double.pow(KernelMath.squaredNorm(x) * KernelMath.squaredNorm(y), Double(order) / 2)
        return norms * Self.j(order, theta) / Double.pi
    }
}
