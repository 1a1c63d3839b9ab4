import RealModule

/// Exact values of the kernels these estimators target, in Double (ALGORITHMS.md §4).
///
/// Small closed forms kept private to this family of estimators; the exact-kernel
/// library (Sources/Estimators/Kernels, another branch) holds the same values and
/// the two are to be deduplicated at merge.
enum ExactActivationValues {
    static func cos(_ x: [Double], _ y: [Double], bias b: Double) -> Double {
        Double.cos(FeatureRowMath.dot(x, y) + b)
    }
    static func sin(_ x: [Double], _ y: [Double], bias b: Double) -> Double {
        Double.sin(FeatureRowMath.dot(x, y) + b)
    }
    /// exp(x·y + b); the softmax kernel at b = 0.
    static func exp(_ x: [Double], _ y: [Double], bias b: Double) -> Double {
        Double.exp(FeatureRowMath.dot(x, y) + b)
    }
    /// Σᵢ aᵢ zⁱ by Horner's rule.
    static func polynomial(_ z: Double, coefficients a: [Double]) -> Double {
        var s = 0.0
        for c in a.reversed() { s = s * z + c }
        return s
    }
    /// exp(−z²/2).
    static func gaussActivation(_ z: Double) -> Double { Double.exp(-z * z / 2) }
    /// 1/(1 + z²).
    static func cauchyActivation(_ z: Double) -> Double { 1 / (1 + z * z) }
}
