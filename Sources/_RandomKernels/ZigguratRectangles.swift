/// The ziggurat's common case, 8 draws at a time: a draw whose candidate lies inside its
/// layer's rectangle is returned at once (Marsaglia and Tsang, JSS 5(8), 2000; see
/// RandomFeatures' `Ziggurat`, whose scalar code this reproduces bit for bit):
///
///     layer = w & 0xFF,   u = (w >> 11) · 2⁻⁵³,   candidate = u · x[layer]
///     accept if candidate < x[layer + 1];   value = ±candidate, minus when bit 8 of w is set
///
/// The vector path converts w >> 11 (< 2⁵³) to a Double exactly without a 64-bit integer
/// conversion instruction (SSE2 and AVX2 have none): with L the low 52 bits and T the top
/// bit of w,
///
///     bits(2⁵² + L) = 0x4330_0000_0000_0000 | L,    w >> 11 = (2⁵² + L) − (T ? 0 : 2⁵²)
///
/// and the subtraction is exact (both terms are integers below 2⁵³). The table entries are
/// read as (x[layer], x[layer + 1]) pairs, one 16-byte load per lane, which LLVM does not
/// turn into a gather (slower than the loads on AMD Zen 4).
///
/// Everything is `@inlinable` and always inlined so that the instruction-set targets get
/// their own machine code; the multiply and compare are the scalar ones, so every variant
/// is bit-identical.
public enum ZigguratRectangles {
    /// Writes the values of the leading words of `words[0 ..< count]` that are accepted by
    /// their layer's rectangle to `out`, stopping at the first word that is not.
    ///
    /// - Parameters:
    ///   - edges: the 257 layer edges x[0…256].
    /// - Returns: k, the number of words accepted; `out[0 ..< k]` hold their values. If
    ///   k < count, `words[k]` needs the ziggurat's slow path (wedge or tail).
    @inlinable @inline(__always)
    public static func acceptLeading(
        _ words: UnsafePointer<UInt64>, count: Int, edges: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>
    ) -> Int {
        var i = 0
        while count - i >= 8 {
            let w = UnsafeRawPointer(words + i).loadUnaligned(as: SIMD8<UInt64>.self)
            let offsets = (w & 0xFF) &<< 3
            let table = UnsafeRawPointer(edges)
            let e0 = table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offsets[0]), as: SIMD2<Double>.self)
            let e1 = table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offsets[1]), as: SIMD2<Double>.self)
            let e2 = table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offsets[2]), as: SIMD2<Double>.self)
            let e3 = table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offsets[3]), as: SIMD2<Double>.self)
            let e4 = table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offsets[4]), as: SIMD2<Double>.self)
            let e5 = table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offsets[5]), as: SIMD2<Double>.self)
            let e6 = table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offsets[6]), as: SIMD2<Double>.self)
            let e7 = table.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: offsets[7]), as: SIMD2<Double>.self)
            let edge = SIMD8<Double>(e0[0], e1[0], e2[0], e3[0], e4[0], e5[0], e6[0], e7[0])
            let nextEdge = SIMD8<Double>(e0[1], e1[1], e2[1], e3[1], e4[1], e5[1], e6[1], e7[1])

            let shifted = unsafeBitCast(((w &>> 11) & 0xF_FFFF_FFFF_FFFF) | 0x4330_0000_0000_0000, to: SIMD8<Double>.self)
            let topClear = ~unsafeBitCast(unsafeBitCast(w, to: SIMD8<Int64>.self) &>> 63, to: SIMD8<UInt64>.self)
            let integer = shifted - unsafeBitCast(topClear & 0x4330_0000_0000_0000, to: SIMD8<Double>.self)
            let candidate = integer * 0x1p-53 * edge
            // Both sides are ≥ 0, so candidate < nextEdge exactly when its bit pattern is the
            // smaller integer, when the difference of the patterns has its top bit set. (The
            // standard library's `all(_:)` may not be inlined, and a shared out-of-line copy
            // could carry another target's instructions.)
            let difference = unsafeBitCast(candidate, to: SIMD8<UInt64>.self) &- unsafeBitCast(nextEdge, to: SIMD8<UInt64>.self)
            let allBelow = difference[0] & difference[1] & difference[2] & difference[3]
                & difference[4] & difference[5] & difference[6] & difference[7]
            guard allBelow >> 63 == 1 else { break }
            // Negation flips the sign bit only, so ±candidate is an exclusive or.
            let value = unsafeBitCast(candidate, to: SIMD8<UInt64>.self) ^ ((w &>> 8) & 1) &<< 63
            UnsafeMutableRawPointer(out + i).storeBytes(of: value, as: SIMD8<UInt64>.self)
            i += 8
        }
        // The last few words, or the group of 8 holding the first rejection: one at a time.
        while i < count {
            let w = words[i]
            let layer = Int(truncatingIfNeeded: w & 0xFF)
            let candidate = Double(Int64(bitPattern: w >> 11)) * 0x1p-53 * edges[layer]
            guard candidate < edges[layer + 1] else { return i }
            out[i] = (w >> 8) & 1 == 1 ? -candidate : candidate
            i += 1
        }
        return i
    }
}
