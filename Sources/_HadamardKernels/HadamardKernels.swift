// MARK: - Cache-blocked SIMD kernels of the fast Walsh–Hadamard transform
//
// Follows the plan of FFHT (Andoni et al., NIPS 2015; FALCONN-LIB/FFHT), as
// summarised in ALGORITHMS.md §3. Goals, in order: exact butterfly arithmetic
// (the same sums as the textbook loop), any power-of-two length, unaligned
// buffers, then speed.
//
// The n·log2(n) butterflies of H_n = H₂ ⊗ … ⊗ H₂ act on the bits of the index, one
// stage per bit. The kernels group them:
//
//   1. A *leaf* of 16 KiB (2^12 Floats, 2^11 Doubles, well inside L1) is finished
//      completely: a first pass does the lane stages of every register (shuffles,
//      see HadamardVector) and up to 3 stages across 8 neighbouring registers (4
//      across 16 for AVX-512 Floats, which have 32 registers), then radix-8 passes (3 stages per
//      load and store of 8 registers) finish it. Radix 8 also keeps the number of
//      streams at large power-of-two strides, which all fall in one L1 set, below
//      the cache's 12 ways; radix 16 there measured slower.
//   2. Longer transforms recurse: transform the 8 (or 4, 2) consecutive
//      sub-blocks, then one radix-8 pass at stride n/8 combines them. Each
//      sub-block is finished while it is still in cache, so data longer than L2
//      crosses the memory hierarchy about twice.
//
// Stages still run in the textbook order (bit 0, 1, 2, … for every element), so each
// output is the textbook's sequence of additions: results do not depend on the
// buffer address, the register width, or how batch rows are shared between threads.

/// The generic kernels. Every member is `@inlinable`: each instruction-set target
/// (`_HadamardKernelsAVX2`, `_HadamardKernelsAVX512`, and `RandomFeatures` for the
/// portable fallback) specialises them for its own register types, used by no other
/// target, and compiles them with its own flags.
public enum HadamardKernels<V: HadamardVector> {
    public typealias Scalar = V.Scalar

    @inlinable @inline(__always) public static var width: Int { 1 << V.log2Width }

    /// log2 of the leaf size: 16 KiB of scalars (2^12 Float, 2^11 Double).
    @inlinable @inline(__always) public static var leafLog2Count: Int {
        14 - MemoryLayout<Scalar>.size.trailingZeroBitCount
    }

    /// Transforms the 2^log2Count scalars at `pointer`; `normalized` multiplies by 1/√n.
    @inlinable @inline(__always)
    public static func transform(_ pointer: UnsafeMutablePointer<Scalar>, log2Count: Int, normalized: Bool) {
        if log2Count < V.log2Width {
            // Shorter than one register: the textbook loop.
            V.textbookTransform(pointer, log2Count: log2Count, normalized: normalized)
        } else {
            let scale: Scalar? = normalized ? V.normalizationFactor(log2Count) : nil
            blocked(pointer, log2Count: log2Count, scale: scale)
        }
    }

    /// Recursive cache blocking: the sub-blocks first, then one combining pass.
    @inlinable
    public static func blocked(_ p: UnsafeMutablePointer<Scalar>, log2Count: Int, scale: Scalar?) {
        let leaf = leafLog2Count
        if log2Count <= leaf {
            leafTransform(p, log2Count: log2Count, scale: scale)
            return
        }
        let t = min(3, log2Count - leaf)
        let sub = log2Count - t
        for block in 0..<(1 << t) {
            blocked(p + (block << sub), log2Count: sub, scale: nil)
        }
        radixPass(p, count: 1 << log2Count, stride: 1 << sub, log2Radix: t, scale: scale)
    }

    /// A whole transform of 2^log2Count ≥ width scalars held in L1.
    @inlinable
    public static func leafTransform(_ p: UnsafeMutablePointer<Scalar>, log2Count: Int, scale: Scalar?) {
        let n = 1 << log2Count
        var done = V.log2Width
        var t = min(V.maxLog2LaneRadix, log2Count - done)
        lanePass(p, count: n, log2Radix: t, scale: done + t == log2Count ? scale : nil)
        done += t
        while done < log2Count {
            t = min(3, log2Count - done)
            radixPass(p, count: n, stride: 1 << done, log2Radix: t, scale: done + t == log2Count ? scale : nil)
            done += t
        }
    }

    // MARK: Passes (outlined, each in a scaled and an unscaled variant)

    /// The lane stages of every register, then `log2Radix` stages across groups of
    /// 2^log2Radix neighbouring registers (log2Radix ≤ V.maxLog2LaneRadix).
    @inlinable @inline(__always)
    public static func lanePass(_ p: UnsafeMutablePointer<Scalar>, count: Int, log2Radix: Int, scale: Scalar?) {
        if let scale {
            lanePassScaled(p, count: count, log2Radix: log2Radix, scale: scale)
        } else {
            lanePassUnscaled(p, count: count, log2Radix: log2Radix)
        }
    }

    /// `log2Radix` stages with half-distances stride, 2·stride, …, in one load and
    /// store of each register (stride a multiple of the width).
    @inlinable @inline(__always)
    public static func radixPass(
        _ p: UnsafeMutablePointer<Scalar>, count: Int, stride: Int, log2Radix: Int, scale: Scalar?
    ) {
        if let scale {
            radixPassScaled(p, count: count, stride: stride, log2Radix: log2Radix, scale: scale)
        } else {
            radixPassUnscaled(p, count: count, stride: stride, log2Radix: log2Radix)
        }
    }

    @inlinable @inline(never)
    public static func lanePassUnscaled(_ p: UnsafeMutablePointer<Scalar>, count: Int, log2Radix: Int) {
        pass(p, count: count, stride: width, log2Radix: log2Radix, lanes: true, scaled: false, scale: 1)
    }

    @inlinable @inline(never)
    public static func lanePassScaled(_ p: UnsafeMutablePointer<Scalar>, count: Int, log2Radix: Int, scale: Scalar) {
        pass(p, count: count, stride: width, log2Radix: log2Radix, lanes: true, scaled: true, scale: scale)
    }

    @inlinable @inline(never)
    public static func radixPassUnscaled(
        _ p: UnsafeMutablePointer<Scalar>, count: Int, stride: Int, log2Radix: Int
    ) {
        pass(p, count: count, stride: stride, log2Radix: log2Radix, lanes: false, scaled: false, scale: 1)
    }

    @inlinable @inline(never)
    public static func radixPassScaled(
        _ p: UnsafeMutablePointer<Scalar>, count: Int, stride: Int, log2Radix: Int, scale: Scalar
    ) {
        pass(p, count: count, stride: stride, log2Radix: log2Radix, lanes: false, scaled: true, scale: scale)
    }

    /// Dispatches on the radix; `lanes` and `scaled` are constants at every call
    /// site, so each outlined pass above compiles to straight-line loop bodies.
    @inlinable @inline(__always)
    public static func pass(
        _ p: UnsafeMutablePointer<Scalar>, count: Int, stride: Int, log2Radix: Int,
        lanes: Bool, scaled: Bool, scale: Scalar
    ) {
        switch log2Radix {
        case 4 where V.maxLog2LaneRadix >= 4:
            sweep(p, count: count, stride: stride, radix: 16) {
                radix16($0, $1, lanes: lanes, scaled: scaled, scale: scale)
            }
        case 3:
            sweep(p, count: count, stride: stride, radix: 8) {
                radix8($0, $1, lanes: lanes, scaled: scaled, scale: scale)
            }
        case 2:
            sweep(p, count: count, stride: stride, radix: 4) {
                radix4($0, $1, lanes: lanes, scaled: scaled, scale: scale)
            }
        case 1:
            sweep(p, count: count, stride: stride, radix: 2) {
                radix2($0, $1, lanes: lanes, scaled: scaled, scale: scale)
            }
        default:
            sweep(p, count: count, stride: stride, radix: 1) { q, _ in
                radix1(q, lanes: lanes, scaled: scaled, scale: scale)
            }
        }
    }

    /// Calls `body(q, stride)` for every register-wide column q of every block of
    /// radix·stride scalars.
    @inlinable @inline(__always)
    public static func sweep(
        _ p: UnsafeMutablePointer<Scalar>, count: Int, stride: Int, radix: Int,
        _ body: (UnsafeMutablePointer<Scalar>, Int) -> Void
    ) {
        let blockEnd = p + count
        var block = p
        while block < blockEnd {
            var q = block
            let columnEnd = block + stride
            while q < columnEnd {
                body(q, stride)
                q += width
            }
            block += radix * stride
        }
    }

    // MARK: Register-level bodies

    /// (a, b) ← (a + b, a − b).
    @inlinable @inline(__always)
    public static func butterfly(_ a: inout V, _ b: inout V) {
        (a, b) = (a + b, a - b)
    }

    @inlinable @inline(__always)
    public static func radix8(_ q: UnsafeMutablePointer<Scalar>, _ h: Int, lanes: Bool, scaled: Bool, scale: Scalar) {
        var a0 = V(loadingFrom: q), a1 = V(loadingFrom: q + h)
        var a2 = V(loadingFrom: q + 2 * h), a3 = V(loadingFrom: q + 3 * h)
        var a4 = V(loadingFrom: q + 4 * h), a5 = V(loadingFrom: q + 5 * h)
        var a6 = V(loadingFrom: q + 6 * h), a7 = V(loadingFrom: q + 7 * h)
        if lanes {
            a0 = a0.hadamardLanes(); a1 = a1.hadamardLanes(); a2 = a2.hadamardLanes(); a3 = a3.hadamardLanes()
            a4 = a4.hadamardLanes(); a5 = a5.hadamardLanes(); a6 = a6.hadamardLanes(); a7 = a7.hadamardLanes()
        }
        butterfly(&a0, &a1); butterfly(&a2, &a3); butterfly(&a4, &a5); butterfly(&a6, &a7)
        butterfly(&a0, &a2); butterfly(&a1, &a3); butterfly(&a4, &a6); butterfly(&a5, &a7)
        butterfly(&a0, &a4); butterfly(&a1, &a5); butterfly(&a2, &a6); butterfly(&a3, &a7)
        if scaled {
            a0 = a0.scaled(by: scale); a1 = a1.scaled(by: scale); a2 = a2.scaled(by: scale); a3 = a3.scaled(by: scale)
            a4 = a4.scaled(by: scale); a5 = a5.scaled(by: scale); a6 = a6.scaled(by: scale); a7 = a7.scaled(by: scale)
        }
        a0.store(to: q); a1.store(to: q + h); a2.store(to: q + 2 * h); a3.store(to: q + 3 * h)
        a4.store(to: q + 4 * h); a5.store(to: q + 5 * h); a6.store(to: q + 6 * h); a7.store(to: q + 7 * h)
    }

    @inlinable @inline(__always)
    public static func radix16(_ q: UnsafeMutablePointer<Scalar>, _ h: Int, lanes: Bool, scaled: Bool, scale: Scalar) {
        var a0 = V(loadingFrom: q), a1 = V(loadingFrom: q + h)
        var a2 = V(loadingFrom: q + 2 * h), a3 = V(loadingFrom: q + 3 * h)
        var a4 = V(loadingFrom: q + 4 * h), a5 = V(loadingFrom: q + 5 * h)
        var a6 = V(loadingFrom: q + 6 * h), a7 = V(loadingFrom: q + 7 * h)
        var a8 = V(loadingFrom: q + 8 * h), a9 = V(loadingFrom: q + 9 * h)
        var a10 = V(loadingFrom: q + 10 * h), a11 = V(loadingFrom: q + 11 * h)
        var a12 = V(loadingFrom: q + 12 * h), a13 = V(loadingFrom: q + 13 * h)
        var a14 = V(loadingFrom: q + 14 * h), a15 = V(loadingFrom: q + 15 * h)
        if lanes {
            a0 = a0.hadamardLanes(); a1 = a1.hadamardLanes(); a2 = a2.hadamardLanes(); a3 = a3.hadamardLanes()
            a4 = a4.hadamardLanes(); a5 = a5.hadamardLanes(); a6 = a6.hadamardLanes(); a7 = a7.hadamardLanes()
            a8 = a8.hadamardLanes(); a9 = a9.hadamardLanes(); a10 = a10.hadamardLanes(); a11 = a11.hadamardLanes()
            a12 = a12.hadamardLanes(); a13 = a13.hadamardLanes(); a14 = a14.hadamardLanes(); a15 = a15.hadamardLanes()
        }
        butterfly(&a0, &a1); butterfly(&a2, &a3); butterfly(&a4, &a5); butterfly(&a6, &a7)
        butterfly(&a8, &a9); butterfly(&a10, &a11); butterfly(&a12, &a13); butterfly(&a14, &a15)
        butterfly(&a0, &a2); butterfly(&a1, &a3); butterfly(&a4, &a6); butterfly(&a5, &a7)
        butterfly(&a8, &a10); butterfly(&a9, &a11); butterfly(&a12, &a14); butterfly(&a13, &a15)
        butterfly(&a0, &a4); butterfly(&a1, &a5); butterfly(&a2, &a6); butterfly(&a3, &a7)
        butterfly(&a8, &a12); butterfly(&a9, &a13); butterfly(&a10, &a14); butterfly(&a11, &a15)
        butterfly(&a0, &a8); butterfly(&a1, &a9); butterfly(&a2, &a10); butterfly(&a3, &a11)
        butterfly(&a4, &a12); butterfly(&a5, &a13); butterfly(&a6, &a14); butterfly(&a7, &a15)
        if scaled {
            a0 = a0.scaled(by: scale); a1 = a1.scaled(by: scale); a2 = a2.scaled(by: scale); a3 = a3.scaled(by: scale)
            a4 = a4.scaled(by: scale); a5 = a5.scaled(by: scale); a6 = a6.scaled(by: scale); a7 = a7.scaled(by: scale)
            a8 = a8.scaled(by: scale); a9 = a9.scaled(by: scale); a10 = a10.scaled(by: scale); a11 = a11.scaled(by: scale)
            a12 = a12.scaled(by: scale); a13 = a13.scaled(by: scale); a14 = a14.scaled(by: scale); a15 = a15.scaled(by: scale)
        }
        a0.store(to: q); a1.store(to: q + h); a2.store(to: q + 2 * h); a3.store(to: q + 3 * h)
        a4.store(to: q + 4 * h); a5.store(to: q + 5 * h); a6.store(to: q + 6 * h); a7.store(to: q + 7 * h)
        a8.store(to: q + 8 * h); a9.store(to: q + 9 * h); a10.store(to: q + 10 * h); a11.store(to: q + 11 * h)
        a12.store(to: q + 12 * h); a13.store(to: q + 13 * h); a14.store(to: q + 14 * h); a15.store(to: q + 15 * h)
    }

    @inlinable @inline(__always)
    public static func radix4(_ q: UnsafeMutablePointer<Scalar>, _ h: Int, lanes: Bool, scaled: Bool, scale: Scalar) {
        var a0 = V(loadingFrom: q), a1 = V(loadingFrom: q + h)
        var a2 = V(loadingFrom: q + 2 * h), a3 = V(loadingFrom: q + 3 * h)
        if lanes {
            a0 = a0.hadamardLanes(); a1 = a1.hadamardLanes(); a2 = a2.hadamardLanes(); a3 = a3.hadamardLanes()
        }
        butterfly(&a0, &a1); butterfly(&a2, &a3)
        butterfly(&a0, &a2); butterfly(&a1, &a3)
        if scaled {
            a0 = a0.scaled(by: scale); a1 = a1.scaled(by: scale); a2 = a2.scaled(by: scale); a3 = a3.scaled(by: scale)
        }
        a0.store(to: q); a1.store(to: q + h); a2.store(to: q + 2 * h); a3.store(to: q + 3 * h)
    }

    @inlinable @inline(__always)
    public static func radix2(_ q: UnsafeMutablePointer<Scalar>, _ h: Int, lanes: Bool, scaled: Bool, scale: Scalar) {
        var a0 = V(loadingFrom: q), a1 = V(loadingFrom: q + h)
        if lanes { a0 = a0.hadamardLanes(); a1 = a1.hadamardLanes() }
        butterfly(&a0, &a1)
        if scaled { a0 = a0.scaled(by: scale); a1 = a1.scaled(by: scale) }
        a0.store(to: q); a1.store(to: q + h)
    }

    @inlinable @inline(__always)
    public static func radix1(_ q: UnsafeMutablePointer<Scalar>, lanes: Bool, scaled: Bool, scale: Scalar) {
        var a0 = V(loadingFrom: q)
        if lanes { a0 = a0.hadamardLanes() }
        if scaled { a0 = a0.scaled(by: scale) }
        a0.store(to: q)
    }
}

// MARK: - The textbook network

/// The textbook butterfly network of ALGORITHMS.md §3 (stage h = 1, 2, 4, …), for
/// lengths shorter than one register and for scalar types without a vector kernel.
/// The kernels above perform, for every output, exactly these additions in this order.
///
/// Nothing here is `@inlinable`: it is compiled once, in this target, without
/// instruction-set flags. (Specialisations of inlinable code are weak symbols named
/// after their type arguments; were the AVX targets to specialise a shared function
/// such as `transform<Float>`, the linker could keep their copy for every caller.)
public enum HadamardTextbook {
    public static func transform(_ p: UnsafeMutablePointer<Float>, log2Count: Int, normalized: Bool) {
        butterflies(p, log2Count: log2Count, normalized: normalized)
    }

    public static func transform(_ p: UnsafeMutablePointer<Double>, log2Count: Int, normalized: Bool) {
        butterflies(p, log2Count: log2Count, normalized: normalized)
    }

    public static func transform<S: BinaryFloatingPoint>(
        _ p: UnsafeMutablePointer<S>, log2Count: Int, normalized: Bool
    ) {
        butterflies(p, log2Count: log2Count, normalized: normalized)
    }

    /// 1/√n for n = 2^L: exactly 2^(−L/2) for even L; 2^(−(L+1)/2)·√2, rounded once, for odd L.
    public static func normalizationFactor(_ log2Count: Int) -> Float { factor(log2Count) }
    public static func normalizationFactor(_ log2Count: Int) -> Double { factor(log2Count) }
    public static func normalizationFactor<S: BinaryFloatingPoint>(_ log2Count: Int) -> S { factor(log2Count) }

    @inline(__always)
    static func butterflies<S: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<S>, log2Count: Int, normalized: Bool) {
        let n = 1 << log2Count
        var h = 1
        while h < n {
            var i = 0
            while i < n {
                for j in i..<(i + h) {
                    let a = p[j], b = p[j + h]
                    p[j] = a + b
                    p[j + h] = a - b
                }
                i += 2 * h
            }
            h *= 2
        }
        if normalized {
            let scale: S = factor(log2Count)
            for i in 0..<n { p[i] *= scale }
        }
    }

    @inline(__always)
    static func factor<S: BinaryFloatingPoint>(_ log2Count: Int) -> S {
        if log2Count % 2 == 0 { return S(sign: .plus, exponent: S.Exponent(-(log2Count / 2)), significand: 1) }
        return S(sign: .plus, exponent: S.Exponent(-(log2Count + 1) / 2), significand: 1) * S(2).squareRoot()
    }
}
