import Testing
import Glibc
@testable import RandomFeatures

@Suite struct VectorMathTests {
    /// Arguments across the ranges features produce: small, moderate, large,
    /// near multiples of π/2, and beyond the reduction limit (scalar fallback).
    static func arguments() -> [Double] {
        var g = RandomStream(seed: 7)
        var xs: [Double] = [0, -0.0, 1e-300, .pi / 4, .pi / 2, .pi, 3 * .pi / 2, 1e5, -1e5, 2e6, -3e7]
        for k in 1..<200 { xs.append(Double(k) * .pi / 2); xs.append(Double(k) * .pi / 2 + 1e-9) }
        for _ in 0..<20_000 { xs.append((Sampling.uniform(using: &g) - 0.5) * 200) }
        for _ in 0..<2_000 { xs.append((Sampling.uniform(using: &g) - 0.5) * 2e6) }
        xs.append(contentsOf: [1, 2, 3])  // a ragged tail
        return xs
    }

    @Test func cosAndSinMatchGlibc() {
        let xs = Self.arguments()
        var c = [Double](repeating: 0, count: xs.count)
        var s = [Double](repeating: 0, count: xs.count)
        xs.withUnsafeBufferPointer { x in
            c.withUnsafeMutableBufferPointer { VectorMath.cos(x, into: $0) }
            s.withUnsafeMutableBufferPointer { VectorMath.sin(x, into: $0) }
        }
        for (i, x) in xs.enumerated() {
            // Absolute error bound: a few ulp of 1, plus the rounding of the
            // reduced argument, which grows like |x|·ε_{π/2 tail}.
            let tolerance = 4e-16 + abs(x) * 1e-22
            #expect(abs(c[i] - Glibc.cos(x)) <= tolerance, "cos(\(x))")
            #expect(abs(s[i] - Glibc.sin(x)) <= tolerance, "sin(\(x))")
        }
    }

    @Test func sumOfCosMatchesScalarSum() {
        let xs = Self.arguments()
        let expected = xs.reduce(0) { $0 + Glibc.cos($1) }
        let got = xs.withUnsafeBufferPointer { VectorMath.sumOfCos($0) }
        #expect(abs(got - expected) <= 1e-12 * Double(xs.count))
    }
}
