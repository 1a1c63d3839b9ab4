import RealModule

/// Samplers for the distributions random features need, each a pure function
/// of the generator passed in (no hidden global state).
///
/// Checked against GSL's CDFs with Kolmogorov–Smirnov tests at fixed seeds in
/// `SamplingTests`.
public enum Sampling {
    /// Uniform on [0, 1): the top 53 bits of one draw.
    @inlinable
    public static func uniform<G: RandomNumberGenerator>(using g: inout G) -> Double {
        Double(g.next() >> 11) * 0x1p-53
    }

    /// Uniform on the open interval (0, 1): safe to take a logarithm of.
    @inlinable
    public static func openUniform<G: RandomNumberGenerator>(using g: inout G) -> Double {
        (Double(g.next() >> 11) + 0.5) * 0x1p-53
    }

    /// ±1 with probability 1/2 each.
    @inlinable
    public static func rademacher<G: RandomNumberGenerator>(using g: inout G) -> Double {
        (g.next() >> 63) == 0 ? 1 : -1
    }

    /// Standard normal N(0, 1).
    @inlinable
    public static func normal<G: RandomNumberGenerator>(using g: inout G) -> Double {
        Ziggurat.normal(using: &g)
    }

    /// Standard Cauchy: tan(π(U − 1/2)), density 1/(π(1 + x²)).
    @inlinable
    public static func cauchy<G: RandomNumberGenerator>(using g: inout G) -> Double {
        Double.tan(Double.pi * (openUniform(using: &g) - 0.5))
    }

    /// Standard Laplace: density exp(−|x|)/2.
    @inlinable
    public static func laplace<G: RandomNumberGenerator>(using g: inout G) -> Double {
        let u = openUniform(using: &g) - 0.5
        return u < 0 ? Double.log(1 + 2 * u) : -Double.log(1 - 2 * u)
    }

    /// Chi with `degrees` degrees of freedom: the norm of a standard normal
    /// vector of that dimension, drawn as √(2·Gamma(k/2)) by Marsaglia–Tsang.
    @inlinable
    public static func chi<G: RandomNumberGenerator>(degrees: Int, using g: inout G) -> Double {
        precondition(degrees >= 1, "chi needs at least one degree of freedom")
        return (2 * gamma(shape: Double(degrees) / 2, using: &g)).squareRoot()
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang (ACM TOMS 26(3), 2000), with the
    /// boost U^(1/a) for shape < 1.
    @inlinable
    public static func gamma<G: RandomNumberGenerator>(shape: Double, using g: inout G) -> Double {
        precondition(shape > 0)
        if shape < 1 {
            let u = openUniform(using: &g)
            return gamma(shape: shape + 1, using: &g) * Double.pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = normal(using: &g)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = openUniform(using: &g)
            if u < 1 - 0.0331 * (x * x) * (x * x) { return d * v }
            if Double.log(u) < 0.5 * x * x + d * (1 - v + Double.log(v)) { return d * v }
        }
    }

    /// A uniformly random permutation of 0..<count (Fisher–Yates).
    @inlinable
    public static func permutation<G: RandomNumberGenerator>(count: Int, using g: inout G) -> [Int] {
        var p = Array(0..<count)
        if count < 2 { return p }
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(boundedBelow(UInt64(i + 1), using: &g))
            p.swapAt(i, j)
        }
        return p
    }

    /// Uniform integer in 0..<bound without modulo bias (Lemire's method).
    @inlinable
    public static func boundedBelow<G: RandomNumberGenerator>(_ bound: UInt64, using g: inout G) -> UInt64 {
        precondition(bound > 0)
        var m = g.next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold {
                m = g.next().multipliedFullWidth(by: bound)
            }
        }
        return m.high
    }

    /// Fills `buffer` with standard normals.
    @inlinable
    public static func fillNormal<G: RandomNumberGenerator>(_ buffer: inout [Double], using g: inout G) {
        for i in buffer.indices { buffer[i] = normal(using: &g) }
    }
}
