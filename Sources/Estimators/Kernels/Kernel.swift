/// An exact kernel: a named value with its parameters, evaluated on a pair
/// (x, y) in Double (ALGORITHMS.md §4). These are the oracles every estimator
/// is tested against; each estimator's `exact(x:y:)` calls one of them.
///
/// In the activation kernels (`exp`, `cos`, `sin`, `gauss-activation`,
/// `cauchy-activation`, `polynomial`) y plays the role of a neuron's weight
/// vector w, and the value is f(x·w + b).
public protocol Kernel: Sendable {
    /// The kernel's name as on the command line (`gaussian`, `arccos1`, …).
    var name: String { get }
    /// k(x, y), exactly, in Double. x and y have the same length (checked by the caller).
    func value(x: [Double], y: [Double]) -> Double
}

/// The small reductions the exact kernels share, in Double.
enum KernelMath {
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "x and y must have the same length")
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func squaredNorm(_ a: [Double]) -> Double { dot(a, a) }

    /// ‖a − b‖².
    static func squaredDistance(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "x and y must have the same length")
        var s = 0.0
        for i in a.indices { s += (a[i] - b[i]) * (a[i] - b[i]) }
        return s
    }

    /// ‖a − b‖₁.
    static func l1Distance(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "x and y must have the same length")
        var s = 0.0
        for i in a.indices { s += abs(a[i] - b[i]) }
        return s
    }

    /// Σᵢ aᵢ zⁱ by Horner's rule.
    static func horner(_ coefficients: [Double], at z: Double) -> Double {
        var s = 0.0
        for c in coefficients.reversed() { s = s * z + c }
        return s
    }
}
