#if canImport(Glibc)
import Glibc
#endif

/// cos and sin of Double feature arguments, 8 lanes at a time, for the Double path of
/// the trigonometric feature maps and the trig map's point-wise estimates.
///
/// The same operations in the same order as RandomFeatures' `VectorMath.cosSin` (Cody and
/// Waite, "Software Manual for the Elementary Functions", 1980; polynomials from Moshier's
/// Cephes `sin.c`), so every result has the same bits as `VectorMath.cosSin`:
///
///     q = round(x · 2/π),   r = x − q·(π/2)      (π/2 split in three parts, fdlibm)
///     sin r = r + r·z·S(z),  cos r = 1 − z/2 + z²·C(z),   z = r², |r| ≤ π/4
///     cos x = [cos r, −sin r, −cos r, sin r][q mod 4]
///
/// Rows with an argument of magnitude ≥ `limit` (= `VectorMath.reductionRange`) or NaN are
/// computed with the library's cos and sin instead, as `TrigonometricColumns` always did.
///
/// Everything is `@inlinable` and always inlined so that the instruction-set targets
/// (`_TrigonometricKernelsAVX2`, `_TrigonometricKernelsAVX512`), compiled with their own
/// flags, get their own machine code. Swift does not contract `a·b + c` into a fused
/// multiply-add, so every variant gives bit-identical results (checked in
/// `DoubleCosSinVariantTests`).
public enum DoubleCosSin {
    public typealias Lanes = SIMD8<Double>

    /// `VectorMath.reductionRange`: below it the first part of π/2 (33 bits) times q is exact.
    public static var limit: Double { 1.6e6 }

    // MARK: - Eight lanes

    /// q (as the shifted value whose low mantissa bits hold q mod 4), cos r and sin r.
    @inlinable @inline(__always)
    static func reduced(_ x: Lanes) -> (shifted: Lanes, c: Lanes, s: Lanes) {
        // Round to nearest (ties to even) with the 1.5·2⁵² shifter, exact for |x·2/π| < 2⁵¹.
        let roundingShifter = 6755399441055744.0
        let shifted = x * 0.636619772367581343076 + roundingShifter
        let q = shifted - roundingShifter
        let r = ((x - q * 1.57079632673412561417e+00) - q * 6.07710050630396597660e-11) - q * 2.02226624871116645580e-21
        let z = r * r
        var sp = Lanes(repeating: 1.58962301576546568060e-10)
        sp = sp * z + -2.50507477628578072866e-8
        sp = sp * z + 2.75573136213857245213e-6
        sp = sp * z + -1.98412698295895385996e-4
        sp = sp * z + 8.33333333332211858878e-3
        sp = sp * z + -1.66666666666666307295e-1
        let s = r + r * z * sp
        var cp = Lanes(repeating: -1.13585365213876817300e-11)
        cp = cp * z + 2.08757008419747316778e-9
        cp = cp * z + -2.75573141792967388112e-7
        cp = cp * z + 2.48015872888517045348e-5
        cp = cp * z + -1.38888888888730564116e-3
        cp = cp * z + 4.16666666666665929218e-2
        let c = 1 - 0.5 * z + z * z * cp
        return (shifted, c, s)
    }

    /// cos and sin of 8 lanes (no range check: |x| < `limit`).
    @inlinable @inline(__always)
    public static func cosSin(_ x: Lanes) -> (cos: Lanes, sin: Lanes) {
        let (shifted, c, s) = reduced(x)
        // Quadrant logic on bit patterns: odd q swaps cos and sin; cos is negative for
        // q ≡ 1, 2 and sin for q ≡ 2, 3 (mod 4).
        let qBits = unsafeBitCast(shifted, to: SIMD8<UInt64>.self)
        let swap = SIMD8<UInt64>() &- (qBits & 1)
        let cBits = unsafeBitCast(c, to: SIMD8<UInt64>.self), sBits = unsafeBitCast(s, to: SIMD8<UInt64>.self)
        let cosBits = (cBits & ~swap) | (sBits & swap)
        let sinBits = (sBits & ~swap) | (cBits & swap)
        let cosSign = ((qBits &+ 1) & 2) &<< 62
        let sinSign = (qBits & 2) &<< 62
        return (unsafeBitCast(cosBits ^ cosSign, to: Lanes.self), unsafeBitCast(sinBits ^ sinSign, to: Lanes.self))
    }

    /// cos of 8 lanes (no range check): the cos half of `cosSin`, the same bits.
    @inlinable @inline(__always)
    public static func cos(_ x: Lanes) -> Lanes {
        let (shifted, c, s) = reduced(x)
        let qBits = unsafeBitCast(shifted, to: SIMD8<UInt64>.self)
        let swap = SIMD8<UInt64>() &- (qBits & 1)
        let cBits = unsafeBitCast(c, to: SIMD8<UInt64>.self), sBits = unsafeBitCast(s, to: SIMD8<UInt64>.self)
        let cosBits = (cBits & ~swap) | (sBits & swap)
        let cosSign = ((qBits &+ 1) & 2) &<< 62
        return unsafeBitCast(cosBits ^ cosSign, to: Lanes.self)
    }

    // MARK: - Rows

    /// Whether |row[j]| + |βⱼ| < `limit` for every j < m (false if any is NaN), with βⱼ =
    /// `offsets[j]` (0 when nil). On bit patterns: for a non-negative Double or NaN,
    /// (bits(limit) − 1 − bits(t)) as Int64 is negative exactly when t ≥ limit or t is NaN.
    @inlinable @inline(__always)
    public static func allWithinLimit(_ row: UnsafePointer<Double>, count m: Int, offsets: UnsafePointer<Double>?) -> Bool {
        let magnitude = SIMD8<UInt64>(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        let bound = SIMD8<Int64>(repeating: Int64(bitPattern: limit.bitPattern) - 1)
        @inline(__always) func absolute(_ v: Lanes) -> Lanes {
            unsafeBitCast(unsafeBitCast(v, to: SIMD8<UInt64>.self) & magnitude, to: Lanes.self)
        }
        var any = SIMD8<Int64>()
        var j = 0
        while j + 8 <= m {
            var t = absolute(UnsafeRawPointer(row + j).loadUnaligned(as: Lanes.self))
            if let offsets { t += absolute(UnsafeRawPointer(offsets + j).loadUnaligned(as: Lanes.self)) }
            let bits = unsafeBitCast(absolute(t), to: SIMD8<Int64>.self)
            any |= bound &- bits
            j += 8
        }
        let half = any.lowHalf | any.highHalf, quarter = half.lowHalf | half.highHalf
        var ok = (quarter[0] | quarter[1]) >= 0
        while j < m {
            ok = ok && abs(row[j]) + abs(offsets?[j] ?? 0) < limit
            j += 1
        }
        return ok
    }

    /// Lanes j ..< j + 8 of `row` + `offsets` (the offsets added in Double, when given).
    @inlinable @inline(__always)
    static func load(_ row: UnsafePointer<Double>, _ offsets: UnsafePointer<Double>?, _ j: Int) -> Lanes {
        var v = UnsafeRawPointer(row + j).loadUnaligned(as: Lanes.self)
        if let offsets { v += UnsafeRawPointer(offsets + j).loadUnaligned(as: Lanes.self) }
        return v
    }

    /// The last m − j < 8 arguments as `load` gives them, in lanes 0 ..< m − j; the other lanes are 0.
    /// (Through a small buffer: indexing a vector lane by lane would keep it out of registers.)
    @inlinable @inline(__always)
    static func loadTail(_ row: UnsafePointer<Double>, _ offsets: UnsafePointer<Double>?, _ j: Int, _ m: Int) -> Lanes {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { t in
            t.initialize(repeating: 0)
            for k in 0..<(m - j) { t[k] = row[j + k] }
            if let offsets { for k in 0..<(m - j) { t[k] += offsets[j + k] } }
            return UnsafeRawPointer(t.baseAddress!).loadUnaligned(as: Lanes.self)
        }
    }

    /// Stores lanes 0 ..< m − j of `v` (fewer than 8) at `to + j`.
    @inlinable @inline(__always)
    static func storeTail(_ v: Lanes, _ to: UnsafeMutablePointer<Double>, _ j: Int, _ m: Int) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { t in
            UnsafeMutableRawPointer(t.baseAddress!).storeBytes(of: v, as: Lanes.self)
            for k in 0..<(m - j) { to[j + k] = t[k] }
        }
    }

    /// `v` with lanes `valid` ..< 8 set to +0.
    @inlinable @inline(__always)
    static func keepingFirst(_ valid: Int, of v: Lanes) -> Lanes {
        // Lane k keeps its bits when k − valid < 0, i.e. when the shifted sign is all ones.
        let lane = SIMD8<Int64>(0, 1, 2, 3, 4, 5, 6, 7)
        let keep = (lane &- SIMD8(repeating: Int64(valid))) &>> 63
        return unsafeBitCast(unsafeBitCast(v, to: SIMD8<Int64>.self) & keep, to: Lanes.self)
    }

    /// For p in `rows`: out[p·width + j] = sₚ cos(z[p·m + j] + βⱼ) and, when `sinColumn` ≥ 0,
    /// out[p·width + sinColumn + j] = sₚ sin(z[p·m + j] + βⱼ), j < m, with sₚ = `scale`·`rowScales[p]`
    /// and βⱼ = `offsets[j]` (0 when nil). Without a sine column only the cosine is assembled.
    /// A row with |z| + |β| ≥ `limit` (or NaN) somewhere is computed with the library's cos and sin.
    @inlinable @inline(__always)
    public static func writeRows(_ z: UnsafePointer<Double>, columns m: Int, rows: Range<Int>,
                                 into out: UnsafeMutablePointer<Double>, width: Int, sinColumn: Int,
                                 scale: Double, rowScales: UnsafePointer<Double>?, offsets: UnsafePointer<Double>?) {
        for p in rows {
            let s = scale * (rowScales?[p] ?? 1)
            let row = z + p * m
            let cosOut = out + p * width
            let sinOut = sinColumn >= 0 ? out + p * width + sinColumn : nil
            if !allWithinLimit(row, count: m, offsets: offsets) {
                libraryRow(row, m, offsets, s, cosOut, sinOut)
                continue
            }
            var j = 0
            if let sinOut {
                while j + 8 <= m {
                    let (c, sn) = cosSin(load(row, offsets, j))
                    UnsafeMutableRawPointer(cosOut + j).storeBytes(of: c * s, as: Lanes.self)
                    UnsafeMutableRawPointer(sinOut + j).storeBytes(of: sn * s, as: Lanes.self)
                    j += 8
                }
                if j < m {
                    let (c, sn) = cosSin(loadTail(row, offsets, j, m))
                    storeTail(c * s, cosOut, j, m)
                    storeTail(sn * s, sinOut, j, m)
                }
            } else {
                while j + 8 <= m {
                    UnsafeMutableRawPointer(cosOut + j).storeBytes(of: cos(load(row, offsets, j)) * s, as: Lanes.self)
                    j += 8
                }
                if j < m { storeTail(cos(loadTail(row, offsets, j, m)) * s, cosOut, j, m) }
            }
        }
    }

    /// One row of `writeRows` through the library's cos and sin (an argument out of range).
    @inlinable @inline(never)
    static func libraryRow(_ row: UnsafePointer<Double>, _ m: Int, _ offsets: UnsafePointer<Double>?, _ s: Double,
                           _ cosOut: UnsafeMutablePointer<Double>, _ sinOut: UnsafeMutablePointer<Double>?) {
        for j in 0..<m {
            let t = offsets.map { row[j] + $0[j] } ?? row[j]
            cosOut[j] = Glibc.cos(t) * s
            if let sinOut { sinOut[j] = Glibc.sin(t) * s }
        }
    }

    /// The mean cosine of each row, without writing the cosines:
    ///
    ///     means[p] = (1/m) Σⱼ cos(z[p·m + j]),   j < m,   for p in `rows`
    ///
    /// Summation order (fixed, so the bits depend on neither the thread count nor the
    /// instruction set): eight partial sums aₖ = Σ cos(z[p·m + j]) over j ≡ k (mod 8) in
    /// increasing j, each starting from +0, then
    ///
    ///     Σ = ((a₀ + a₄) + (a₂ + a₆)) + ((a₁ + a₅) + (a₃ + a₇)),   means[p] = Σ / m
    ///
    /// which differs from the sequential sum only by rounding (≲ m·ε in each). The cosines are
    /// `cos` above, or the library's cos for a row with |z| ≥ `limit` or NaN (same order).
    @inlinable @inline(__always)
    public static func rowMeansOfCos(_ z: UnsafePointer<Double>, columns m: Int, rows: Range<Int>,
                                     into means: UnsafeMutablePointer<Double>) {
        for p in rows {
            let row = z + p * m
            guard allWithinLimit(row, count: m, offsets: nil) else {
                means[p] = libraryRowMeanOfCos(row, m)
                continue
            }
            means[p] = combined(segmentCosSums(row, count: m)) / Double(m)
        }
    }

    /// The mean cosine of every prefix of each row, in one pass over the row:
    ///
    ///     means[p·k + i] = (1/mᵢ) Σⱼ cos(z[p·m + j]),   j < mᵢ,   i < k = prefixes.count
    ///
    /// for ascending prefix lengths m₀ < m₁ < … ≤ m (the nested feature counts of a sweep,
    /// whose cells share one projection's leading rows). Each segment mᵢ₋₁ ..< mᵢ is summed
    /// in eight lanes as in `rowMeansOfCos` (element j to lane (j − mᵢ₋₁) mod 8), the segment's
    /// lanes are added to the running lanes, and at mᵢ the running lanes are combined as in
    /// `rowMeansOfCos` (with one prefix, m₀ = m, the two agree bit for bit).
    @inlinable @inline(__always)
    public static func rowPrefixMeansOfCos(_ z: UnsafePointer<Double>, columns m: Int, prefixes: UnsafeBufferPointer<Int>,
                                           rows: Range<Int>, into means: UnsafeMutablePointer<Double>) {
        let k = prefixes.count
        for p in rows {
            let row = z + p * m
            let out = means + p * k
            guard allWithinLimit(row, count: m, offsets: nil) else {
                libraryRowPrefixMeansOfCos(row, prefixes, out)
                continue
            }
            var a = Lanes()
            var start = 0
            for i in 0..<k {
                let end = prefixes[i]
                a += segmentCosSums(row + start, count: end - start)
                start = end
                out[i] = combined(a) / Double(end)
            }
        }
    }

    /// The eight lane sums Σ cos(x[j]) over j ≡ k (mod 8), j < count, in increasing j.
    @inlinable @inline(__always)
    static func segmentCosSums(_ x: UnsafePointer<Double>, count: Int) -> Lanes {
        var s = Lanes()
        var j = 0
        while j + 8 <= count {
            s += cos(load(x, nil, j))
            j += 8
        }
        if j < count { s += keepingFirst(count - j, of: cos(loadTail(x, nil, j, count))) }
        return s
    }

    /// One row of `rowPrefixMeansOfCos` through the library's cos, in the same summation order.
    @inlinable @inline(never)
    static func libraryRowPrefixMeansOfCos(_ row: UnsafePointer<Double>, _ prefixes: UnsafeBufferPointer<Int>,
                                           _ out: UnsafeMutablePointer<Double>) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 16) { lanes in
            let a = lanes.baseAddress!, segment = a + 8
            a.initialize(repeating: 0, count: 8)
            var start = 0
            for (i, end) in prefixes.enumerated() {
                segment.initialize(repeating: 0, count: 8)
                for j in start..<end { segment[(j - start) % 8] += Glibc.cos(row[j]) }
                for k in 0..<8 { a[k] += segment[k] }
                start = end
                out[i] = combined(UnsafeRawPointer(a).loadUnaligned(as: Lanes.self)) / Double(end)
            }
        }
    }

    /// ((a₀ + a₄) + (a₂ + a₆)) + ((a₁ + a₅) + (a₃ + a₇)).
    @inlinable @inline(__always)
    static func combined(_ a: Lanes) -> Double {
        let half = a.lowHalf + a.highHalf           // (a₀+a₄, a₁+a₅, a₂+a₆, a₃+a₇)
        let quarter = half.lowHalf + half.highHalf  // ((a₀+a₄)+(a₂+a₆), (a₁+a₅)+(a₃+a₇))
        return quarter[0] + quarter[1]
    }

    /// One row of `rowMeansOfCos` through the library's cos (an argument out of range or NaN),
    /// in the same summation order.
    @inlinable @inline(never)
    static func libraryRowMeanOfCos(_ row: UnsafePointer<Double>, _ m: Int) -> Double {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 8) { a in
            a.initialize(repeating: 0)
            for j in 0..<m { a[j % 8] += Glibc.cos(row[j]) }
            return combined(UnsafeRawPointer(a.baseAddress!).loadUnaligned(as: Lanes.self)) / Double(m)
        }
    }
}
