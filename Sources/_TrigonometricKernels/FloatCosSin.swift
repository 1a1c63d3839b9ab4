#if canImport(Glibc)
import Glibc
#endif

/// cos and sin of Float feature arguments, 16 lanes at a time, for the Float path of
/// the trigonometric feature maps (whose outputs are Float anyway).
///
/// Method: Cephes `sinf.c`/`cosf.c` (S. L. Moshier) with the quadrant scheme of
/// RandomFeatures' `VectorMath.cosSin`:
///
///     q = round(x · 2/π),   r = x − q·(π/2)     (π/2 in three Float parts, Cody–Waite)
///     sin r = r + r·z·S(z),  cos r = 1 − z/2 + z²·C(z),   z = r², |r| ≤ π/4
///     cos x = [cos r, −sin r, −cos r, sin r][q mod 4]
///
/// Accurate to a few Float ulps for |x| ≤ `limit` (8192, Cephes' bound for this
/// reduction); rows with a larger argument (or NaN) are computed in Double.
///
/// Everything is `@inlinable` and always inlined so that the instruction-set targets
/// (`_TrigonometricKernelsAVX2`, `_TrigonometricKernelsAVX512`), compiled with their own
/// flags, get their own machine code; every variant computes bit-identical results
/// (no operation is fused or reordered).
public enum FloatCosSin {
    public typealias Lanes = SIMD16<Float>

    public static var limit: Float { 8192 }

    @inlinable @inline(__always)
    public static func cosSin(_ x: Lanes) -> (cos: Lanes, sin: Lanes) {
        // Round to nearest (ties to even) with the 1.5·2²³ shifter, exact for |x·2/π| < 2²²;
        // the shifted value's low mantissa bits hold q mod 4.
        let shifter: Float = 12582912
        let shifted = x * Float(0.636619772367581343) + shifter
        let q = shifted - shifter
        let r = ((x - q * Float(1.5703125)) - q * Float(4.837512969970703125e-4)) - q * Float(7.54978995489188216e-8)
        let z = r * r
        var sp = Lanes(repeating: -1.9515295891e-4)
        sp = sp * z + 8.3321608736e-3
        sp = sp * z + -1.6666654611e-1
        let s = r + r * z * sp
        var cp = Lanes(repeating: 2.443315711809948e-5)
        cp = cp * z + -1.388731625493765e-3
        cp = cp * z + 4.166664568298827e-2
        let c = 1 - 0.5 * z + z * z * cp
        // Quadrant logic on bit patterns (the stdlib's mask/replacing ops go lane by lane):
        // odd q swaps cos and sin; cos is negative for q ≡ 1, 2 and sin for q ≡ 2, 3 (mod 4).
        let qBits = unsafeBitCast(shifted, to: SIMD16<UInt32>.self)
        let swap = SIMD16<UInt32>() &- (qBits & 1)
        let cBits = unsafeBitCast(c, to: SIMD16<UInt32>.self), sBits = unsafeBitCast(s, to: SIMD16<UInt32>.self)
        let cosBits = (cBits & ~swap) | (sBits & swap)
        let sinBits = (sBits & ~swap) | (cBits & swap)
        let cosSign = ((qBits &+ 1) & 2) &<< 30
        let sinSign = (qBits & 2) &<< 30
        return (unsafeBitCast(cosBits ^ cosSign, to: Lanes.self), unsafeBitCast(sinBits ^ sinSign, to: Lanes.self))
    }

    /// Whether |row[j]| ≤ limit − margin for every j (false for NaN), on bit patterns: a lane's
    /// (bound − |x|) as Int32 is negative exactly when |x| > bound or x is NaN.
    @inlinable @inline(__always)
    public static func allWithinLimit(_ row: UnsafePointer<Float>, count m: Int, margin: Float = 0) -> Bool {
        let bound = limit - margin
        let limitBits = Int32(bitPattern: bound.bitPattern)
        let magnitude = SIMD16<Int32>(repeating: 0x7FFF_FFFF)
        var any = SIMD16<Int32>()
        var j = 0
        while j + 16 <= m {
            let bits = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD16<Int32>.self)
            any |= SIMD16(repeating: limitBits) &- (bits & magnitude)
            j += 16
        }
        var ok = (any & SIMD16(repeating: Int32.min)) == SIMD16<Int32>()
        while j < m {
            ok = ok && abs(row[j]) <= bound
            j += 1
        }
        return ok
    }

    /// For p in `rows`: out[p·width + j] = sₚ cos(z[p·m + j] + βⱼ) and, when `sinColumn` ≥ 0,
    /// out[p·width + sinColumn + j] = sₚ sin(z[p·m + j] + βⱼ), j < m, with sₚ = `scale`·`rowScales[p]`
    /// and βⱼ = `offsets[j]` (0 when nil; the offset is added in Float).
    @inlinable @inline(__always)
    public static func writeRows(_ z: UnsafePointer<Float>, columns m: Int, rows: Range<Int>,
                                 into out: UnsafeMutablePointer<Float>, width: Int, sinColumn: Int,
                                 scale: Double, rowScales: UnsafePointer<Double>?, offsets: UnsafePointer<Float>?) {
        for p in rows {
            let s64 = scale * (rowScales?[p] ?? 1)
            let s = Float(s64)
            let row = z + p * m
            let cosOut = out + p * width
            let sinOut = sinColumn >= 0 ? out + p * width + sinColumn : nil
            // |z + β| ≤ |z| + 2π: checking z against limit − 2π bounds the sum.
            let inRange = allWithinLimit(row, count: m, margin: offsets == nil ? 0 : 7)
            var j = 0
            while inRange && j + 16 <= m {
                var v = UnsafeRawPointer(row + j).loadUnaligned(as: Lanes.self)
                if let offsets { v += UnsafeRawPointer(offsets + j).loadUnaligned(as: Lanes.self) }
                let (c, sn) = cosSin(v)
                UnsafeMutableRawPointer(cosOut + j).storeBytes(of: c * s, as: Lanes.self)
                if let sinOut { UnsafeMutableRawPointer(sinOut + j).storeBytes(of: sn * s, as: Lanes.self) }
                j += 16
            }
            // The last m mod 16 columns (all of them in a row with a large argument), in Double.
            while j < m {
                let t = Double(row[j] + (offsets?[j] ?? 0))
                cosOut[j] = Float(s64 * cos(t))
                if let sinOut { sinOut[j] = Float(s64 * sin(t)) }
                j += 1
            }
        }
    }
}
