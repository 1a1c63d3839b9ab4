/// Vectorised cos and sin for Double arrays, the inner loop of every
/// trigonometric feature map and point-wise estimator.
///
/// Method (Cody and Waite, "Software Manual for the Elementary Functions",
/// 1980; polynomials from Moshier's Cephes `sin.c`):
///
///     q = round(x · 2/π),   r = x − q·(π/2)      (π/2 split in three parts, fdlibm)
///     sin r = r + r·z·S(z),  cos r = 1 − z/2 + z²·C(z),   z = r², |r| ≤ π/4
///     cos x = [cos r, −sin r, −cos r, sin r][q mod 4]
///
/// Accuracy: within a few ulp of glibc for |x| ≤ 2²⁰·π/2 (the first part of
/// π/2 has 33 bits, so q·(π/2)₁ is exact while |q| < 2²⁰); larger arguments
/// fall back to the scalar library call. Checked against glibc in
/// `VectorMathTests`.
public enum VectorMath {
    @usableFromInline static let twoOverPi = 0.636619772367581343076
    @usableFromInline static let pio2_1 = 1.57079632673412561417e+00
    @usableFromInline static let pio2_2 = 6.07710050630396597660e-11
    @usableFromInline static let pio2_3 = 2.02226624871116645580e-21
    @usableFromInline static let reductionLimit = 1.6e6
    @usableFromInline static let roundingShifter = 6755399441055744.0   // 1.5·2⁵²
    /// `cosSin` is accurate for |x| below this bound; beyond it use the library call.
    public static var reductionRange: Double { reductionLimit }

    public typealias Lanes = SIMD8<Double>

    @inlinable @inline(__always)
    static func sinPoly(_ r: Lanes, _ z: Lanes) -> Lanes {
        var p = Lanes(repeating: 1.58962301576546568060e-10)
        p = p * z + -2.50507477628578072866e-8
        p = p * z + 2.75573136213857245213e-6
        p = p * z + -1.98412698295895385996e-4
        p = p * z + 8.33333333332211858878e-3
        p = p * z + -1.66666666666666307295e-1
        return r + r * z * p
    }

    @inlinable @inline(__always)
    static func cosPoly(_ z: Lanes) -> Lanes {
        var p = Lanes(repeating: -1.13585365213876817300e-11)
        p = p * z + 2.08757008419747316778e-9
        p = p * z + -2.75573141792967388112e-7
        p = p * z + 2.48015872888517045348e-5
        p = p * z + -1.38888888888730564116e-3
        p = p * z + 4.16666666666665929218e-2
        return 1 - 0.5 * z + z * z * p
    }

    /// cos and sin of 8 lanes at once (no range check: |x| < reductionLimit).
    @inlinable @inline(__always)
    public static func cosSin(_ x: Lanes) -> (cos: Lanes, sin: Lanes) {
        // Round to nearest (ties to even) with the 1.5·2⁵² shifter, exact for |x·2/π| < 2⁵¹;
        // the shifted value's low mantissa bits hold q mod 4 (two's complement for q < 0).
        // Same q as `rounded(.toNearestOrEven)`, without per-lane library or integer-conversion calls.
        let shifted = x * twoOverPi + roundingShifter
        let q = shifted - roundingShifter
        let r = ((x - q * pio2_1) - q * pio2_2) - q * pio2_3
        let z = r * r
        let s = sinPoly(r, z)
        let c = cosPoly(z)
        // Quadrant logic on bit patterns (the stdlib's mask/`replacing` operations go lane by
        // lane): odd q swaps cos and sin; cos is negative for q ≡ 1, 2 and sin for q ≡ 2, 3 (mod 4).
        let qBits = unsafeBitCast(shifted, to: SIMD8<UInt64>.self)
        let swap = SIMD8<UInt64>() &- (qBits & 1)
        let cBits = unsafeBitCast(c, to: SIMD8<UInt64>.self), sBits = unsafeBitCast(s, to: SIMD8<UInt64>.self)
        let cosBits = (cBits & ~swap) | (sBits & swap)
        let sinBits = (sBits & ~swap) | (cBits & swap)
        let cosSign = ((qBits &+ 1) & 2) &<< 62
        let sinSign = (qBits & 2) &<< 62
        return (unsafeBitCast(cosBits ^ cosSign, to: Lanes.self), unsafeBitCast(sinBits ^ sinSign, to: Lanes.self))
    }

    /// out[i] = cos(x[i]).
    @inlinable
    public static func cos(_ x: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(out.count >= x.count)
        forEachChunk(x) { i, v in
            let (c, _) = cosSin(v)
            store(c, out, i, x.count)
        } scalar: { i, v in out[i] = v.cosine }
    }

    /// out[i] = sin(x[i]).
    @inlinable
    public static func sin(_ x: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(out.count >= x.count)
        forEachChunk(x) { i, v in
            let (_, s) = cosSin(v)
            store(s, out, i, x.count)
        } scalar: { i, v in out[i] = v.sine }
    }

    /// Σᵢ cos(x[i]), accumulated in eight interleaved Double partial sums.
    @inlinable
    public static func sumOfCos(_ x: UnsafeBufferPointer<Double>) -> Double {
        var acc = Lanes()
        var tail = 0.0
        forEachChunk(x) { i, v in
            let (c, _) = cosSin(v)
            let valid = x.count - i
            if valid >= 8 { acc += c } else {
                for k in 0..<valid { tail += c[k] }
            }
        } scalar: { _, v in tail += v.cosine }
        return acc.sum() + tail
    }

    /// Calls `vector` on each 8-lane chunk whose entries are all in range
    /// (the last chunk is zero-padded; `i` is its start), else `scalar` per entry.
    @inlinable @inline(__always)
    static func forEachChunk(_ x: UnsafeBufferPointer<Double>,
                             vector: (Int, Lanes) -> Void, scalar: (Int, Double) -> Void) {
        let n = x.count
        var i = 0
        while i < n {
            var v = Lanes()
            let valid = min(8, n - i)
            if valid == 8 {
                v = Lanes(UnsafeBufferPointer(rebasing: x[i..<(i + 8)]))
            } else {
                for k in 0..<valid { v[k] = x[i + k] }
            }
            if all(abs(v) .< reductionLimit) {
                vector(i, v)
            } else {
                for k in 0..<valid { scalar(i + k, x[i + k]) }
            }
            i += 8
        }
    }

    @inlinable @inline(__always)
    static func store(_ v: Lanes, _ out: UnsafeMutableBufferPointer<Double>, _ i: Int, _ n: Int) {
        let valid = min(8, n - i)
        if valid == 8 {
            for k in 0..<8 { out[i + k] = v[k] }
        } else {
            for k in 0..<valid { out[i + k] = v[k] }
        }
    }
}

extension SIMD8 where Scalar == Double {
    @inlinable @inline(__always)
    func abs() -> SIMD8<Double> { self.replacing(with: -self, where: self .< 0) }
}

@inlinable @inline(__always)
func abs(_ v: SIMD8<Double>) -> SIMD8<Double> { v.abs() }

#if canImport(Glibc)
import Glibc
extension Double {
    @inlinable var cosine: Double { Glibc.cos(self) }
    @inlinable var sine: Double { Glibc.sin(self) }
}
#endif
