import RealModule

/// Standard normal sampling by the ziggurat method (Marsaglia and Tsang,
/// "The Ziggurat Method for Generating Random Variables", JSS 5(8), 2000),
/// with 256 layers and the exact exponential tail of Marsaglia (1964).
///
/// One 64-bit draw gives the layer (8 bits), the sign (1 bit) and a 53-bit
/// uniform; about 99% of draws return after one table comparison.
public enum Ziggurat {
    /// Right edge of the base strip.
    @usableFromInline static let r = 3.6541528853610088
    /// Area of each layer.
    @usableFromInline static let v = 0.00492867323399

    /// x[i]: right edges of the layers, x[0] = v/f(r) (the base strip's
    /// pseudo-edge), x[1] = r, decreasing to x[256] = 0.
    @usableFromInline static let x: [Double] = {
        var x = [Double](repeating: 0, count: 257)
        let f = { (t: Double) in Double.exp(-0.5 * t * t) }
        x[0] = v / f(r)
        x[1] = r
        for i in 2..<256 {
            x[i] = (-2 * Double.log(v / x[i - 1] + f(x[i - 1]))).squareRoot()
        }
        x[256] = 0
        return x
    }()

    /// f at the edges: y[i] = exp(−x[i]²/2).
    @usableFromInline static let y: [Double] = x.map { Double.exp(-0.5 * $0 * $0) }

    @inlinable
    public static func normal<G: RandomNumberGenerator>(using g: inout G) -> Double {
        while true {
            let bits = g.next()
            let layer = Int(bits & 0xFF)
            let negative = (bits >> 8) & 1 == 1
            let u = Double(bits >> 11) * 0x1p-53  // [0, 1)
            let candidate = u * x[layer]
            if candidate < x[layer + 1] {
                return negative ? -candidate : candidate
            }
            if layer == 0 {
                // Tail beyond r: Marsaglia's exponential method.
                var a: Double
                var b: Double
                repeat {
                    a = -Double.log(Sampling.openUniform(using: &g)) / r
                    b = -Double.log(Sampling.openUniform(using: &g))
                } while b + b < a * a
                let t = r + a
                return negative ? -t : t
            }
            // Wedge: accept under the curve.
            let yy = y[layer] + Sampling.uniform(using: &g) * (y[layer + 1] - y[layer])
            if yy < Double.exp(-0.5 * candidate * candidate) {
                return negative ? -candidate : candidate
            }
        }
    }
}
