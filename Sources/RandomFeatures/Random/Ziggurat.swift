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
            let candidate = Double(bits >> 11) * 0x1p-53 * x[layer]  // u ∈ [0, 1) times the layer's edge
            if candidate < x[layer + 1] {
                return (bits >> 8) & 1 == 1 ? -candidate : candidate
            }
            if let value = edgeOrTail(bits: bits, candidate: candidate, using: &g) { return value }
        }
    }

    /// Fills `out` with standard normals one draw at a time: the same values, from the
    /// same draws, as calling `normal(using:)` once per entry, with the tables read through
    /// pointers fetched once. The reference for `fill(_:using:)` (tests) and its baseline
    /// (`rftool bench sampling`).
    public static func sequentialFill(_ out: UnsafeMutableBufferPointer<Double>, using g: inout RandomStream) {
        x.withUnsafeBufferPointer { xs in
            for i in out.indices {
                while true {
                    let bits = g.next()
                    let layer = Int(bits & 0xFF)
                    let candidate = Double(bits >> 11) * 0x1p-53 * xs[layer]
                    if candidate < xs[layer + 1] {
                        out[i] = (bits >> 8) & 1 == 1 ? -candidate : candidate
                        break
                    }
                    if let value = edgeOrTail(bits: bits, candidate: candidate, using: &g) {
                        out[i] = value
                        break
                    }
                }
            }
        }
    }

    /// The rare draws (about 1%) outside the layer's inner rectangle: the exponential tail
    /// beyond r for layer 0, else the wedge test; nil when the wedge rejects (draw again).
    @usableFromInline
    static func edgeOrTail<G: RandomNumberGenerator>(bits: UInt64, candidate: Double, using g: inout G) -> Double? {
        let layer = Int(bits & 0xFF)
        let negative = (bits >> 8) & 1 == 1
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
        return nil
    }
}
