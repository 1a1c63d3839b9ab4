// MARK: - Cache-blocked SIMD kernels of the fast Walsh–Hadamard transform
//
// Follows the plan of FFHT (Andoni et al., NIPS 2015; FALCONN-LIB/FFHT), as
// summarised in ALGORITHMS.md §3. Goals, in order: exact butterfly arithmetic
// (the same sums as the textbook loop), any power-of-two length, unaligned
// buffers, then speed.
//
// The n·log2(n) butterflies of H_n = H₂ ⊗ … ⊗ H₂ act on the bits of the index, one
// stage per bit, and stages on different bits commute. The kernels group them:
//
//   1. A *leaf* of 2^leafLog2Count scalars (16 KiB, well inside L1) is finished
//      completely: a first pass does the lane stages of every register (shuffles,
//      see HadamardVector) and up to 3 stages across 8 neighbouring registers,
//      then radix-8 passes (3 stages per load/store of 8 registers) finish it.
//   2. Longer transforms recurse: transform the 8 (or 4, 2) consecutive
//      sub-blocks, then one radix-8 pass at stride n/8 combines them. Each
//      sub-block is finished while it is still in cache, so data longer than L2
//      crosses the memory hierarchy about twice.
//
// Every element of the output is computed by the same sequence of additions
// whatever the buffer address, so results do not depend on alignment, and rows of
// a batch do not depend on how rows are shared between threads.

/// The generic kernels; instantiated only for the concrete register types
/// (SIMD8<Float>, SIMD4<Double>) through the entry points at the end of this file.
enum HadamardKernels<V: HadamardVector> {
    typealias Scalar = V.Scalar

    @inline(__always) static var width: Int { 1 << V.log2Width }

    /// log2 of the leaf size: 16 KiB of scalars (2^12 Float, 2^11 Double).
    @inline(__always) static var leafLog2Count: Int { 14 - MemoryLayout<Scalar>.size.trailingZeroBitCount }

    /// Transforms the 2^log2Count scalars at `pointer`; `normalized` multiplies by 1/√n.
    @inline(__always)
    static func transform(_ pointer: UnsafeMutablePointer<Scalar>, log2Count: Int, normalized: Bool) {
        if log2Count < V.log2Width {
            // Shorter than one register: the textbook loop.
            FastWalshHadamardTransform._transformScalar(pointer, log2Count: log2Count, normalized: normalized)
        } else {
            let scale: Scalar? = normalized ? FastWalshHadamardTransform.normalizationFactor(log2Count) : nil
            blocked(pointer, log2Count: log2Count, scale: scale)
        }
    }

    /// Recursive cache blocking: the sub-blocks first, then one combining pass.
    static func blocked(_ p: UnsafeMutablePointer<Scalar>, log2Count: Int, scale: Scalar?) {
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
    static func leafTransform(_ p: UnsafeMutablePointer<Scalar>, log2Count: Int, scale: Scalar?) {
        let n = 1 << log2Count
        var done = V.log2Width
        var t = min(3, log2Count - done)
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
    /// 2^log2Radix neighbouring registers.
    @inline(__always)
    static func lanePass(_ p: UnsafeMutablePointer<Scalar>, count: Int, log2Radix: Int, scale: Scalar?) {
        if let scale {
            lanePassScaled(p, count: count, log2Radix: log2Radix, scale: scale)
        } else {
            lanePassUnscaled(p, count: count, log2Radix: log2Radix)
        }
    }

    /// `log2Radix` stages with half-distances stride, 2·stride, …, in one load and
    /// store of each register (stride a multiple of the width).
    @inline(__always)
    static func radixPass(_ p: UnsafeMutablePointer<Scalar>, count: Int, stride: Int, log2Radix: Int, scale: Scalar?) {
        if let scale {
            radixPassScaled(p, count: count, stride: stride, log2Radix: log2Radix, scale: scale)
        } else {
            radixPassUnscaled(p, count: count, stride: stride, log2Radix: log2Radix)
        }
    }

    @inline(never)
    static func lanePassUnscaled(_ p: UnsafeMutablePointer<Scalar>, count: Int, log2Radix: Int) {
        pass(p, count: count, stride: width, log2Radix: log2Radix, lanes: true, scaled: false, scale: 1)
    }

    @inline(never)
    static func lanePassScaled(_ p: UnsafeMutablePointer<Scalar>, count: Int, log2Radix: Int, scale: Scalar) {
        pass(p, count: count, stride: width, log2Radix: log2Radix, lanes: true, scaled: true, scale: scale)
    }

    @inline(never)
    static func radixPassUnscaled(_ p: UnsafeMutablePointer<Scalar>, count: Int, stride: Int, log2Radix: Int) {
        pass(p, count: count, stride: stride, log2Radix: log2Radix, lanes: false, scaled: false, scale: 1)
    }

    @inline(never)
    static func radixPassScaled(_ p: UnsafeMutablePointer<Scalar>, count: Int, stride: Int, log2Radix: Int, scale: Scalar) {
        pass(p, count: count, stride: stride, log2Radix: log2Radix, lanes: false, scaled: true, scale: scale)
    }

    /// Dispatches on the radix; `lanes` and `scaled` are constants at every call
    /// site, so each outlined pass above compiles to straight-line loop bodies.
    @inline(__always)
    static func pass(
        _ p: UnsafeMutablePointer<Scalar>, count: Int, stride: Int, log2Radix: Int,
        lanes: Bool, scaled: Bool, scale: Scalar
    ) {
        switch log2Radix {
        case 3:
            sweep(p, count: count, stride: stride, radix: 8) { radix8($0, $1, lanes: lanes, scaled: scaled, scale: scale) }
        case 2:
            sweep(p, count: count, stride: stride, radix: 4) { radix4($0, $1, lanes: lanes, scaled: scaled, scale: scale) }
        case 1:
            sweep(p, count: count, stride: stride, radix: 2) { radix2($0, $1, lanes: lanes, scaled: scaled, scale: scale) }
        default:
            sweep(p, count: count, stride: stride, radix: 1) { q, _ in radix1(q, lanes: lanes, scaled: scaled, scale: scale) }
        }
    }

    /// Calls `body(q, stride)` for every register-wide column q of every block of
    /// radix·stride scalars.
    @inline(__always)
    static func sweep(
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

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Scalar>) -> V {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store(_ v: V, _ p: UnsafeMutablePointer<Scalar>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }

    /// (a, b) ← (a + b, a − b).
    @inline(__always)
    static func butterfly(_ a: inout V, _ b: inout V) {
        (a, b) = (a + b, a - b)
    }

    @inline(__always)
    static func radix8(_ q: UnsafeMutablePointer<Scalar>, _ h: Int, lanes: Bool, scaled: Bool, scale: Scalar) {
        var a0 = load(q), a1 = load(q + h), a2 = load(q + 2 * h), a3 = load(q + 3 * h)
        var a4 = load(q + 4 * h), a5 = load(q + 5 * h), a6 = load(q + 6 * h), a7 = load(q + 7 * h)
        if lanes {
            a0 = a0.hadamardLanes(); a1 = a1.hadamardLanes(); a2 = a2.hadamardLanes(); a3 = a3.hadamardLanes()
            a4 = a4.hadamardLanes(); a5 = a5.hadamardLanes(); a6 = a6.hadamardLanes(); a7 = a7.hadamardLanes()
        }
        butterfly(&a0, &a1); butterfly(&a2, &a3); butterfly(&a4, &a5); butterfly(&a6, &a7)
        butterfly(&a0, &a2); butterfly(&a1, &a3); butterfly(&a4, &a6); butterfly(&a5, &a7)
        butterfly(&a0, &a4); butterfly(&a1, &a5); butterfly(&a2, &a6); butterfly(&a3, &a7)
        if scaled {
            a0 *= scale; a1 *= scale; a2 *= scale; a3 *= scale
            a4 *= scale; a5 *= scale; a6 *= scale; a7 *= scale
        }
        store(a0, q); store(a1, q + h); store(a2, q + 2 * h); store(a3, q + 3 * h)
        store(a4, q + 4 * h); store(a5, q + 5 * h); store(a6, q + 6 * h); store(a7, q + 7 * h)
    }

    @inline(__always)
    static func radix4(_ q: UnsafeMutablePointer<Scalar>, _ h: Int, lanes: Bool, scaled: Bool, scale: Scalar) {
        var a0 = load(q), a1 = load(q + h), a2 = load(q + 2 * h), a3 = load(q + 3 * h)
        if lanes {
            a0 = a0.hadamardLanes(); a1 = a1.hadamardLanes(); a2 = a2.hadamardLanes(); a3 = a3.hadamardLanes()
        }
        butterfly(&a0, &a1); butterfly(&a2, &a3)
        butterfly(&a0, &a2); butterfly(&a1, &a3)
        if scaled { a0 *= scale; a1 *= scale; a2 *= scale; a3 *= scale }
        store(a0, q); store(a1, q + h); store(a2, q + 2 * h); store(a3, q + 3 * h)
    }

    @inline(__always)
    static func radix2(_ q: UnsafeMutablePointer<Scalar>, _ h: Int, lanes: Bool, scaled: Bool, scale: Scalar) {
        var a0 = load(q), a1 = load(q + h)
        if lanes { a0 = a0.hadamardLanes(); a1 = a1.hadamardLanes() }
        butterfly(&a0, &a1)
        if scaled { a0 *= scale; a1 *= scale }
        store(a0, q); store(a1, q + h)
    }

    @inline(__always)
    static func radix1(_ q: UnsafeMutablePointer<Scalar>, lanes: Bool, scaled: Bool, scale: Scalar) {
        var a0 = load(q)
        if lanes { a0 = a0.hadamardLanes() }
        if scaled { a0 *= scale }
        store(a0, q)
    }
}

// MARK: - Concrete entry points

extension FastWalshHadamardTransform {
    /// The Float kernel (8-lane registers), compiled once in this module.
    @usableFromInline
    static func _transformFloat(_ pointer: UnsafeMutablePointer<Float>, log2Count: Int, normalized: Bool) {
        HadamardKernels<SIMD8<Float>>.transform(pointer, log2Count: log2Count, normalized: normalized)
    }

    /// The Double kernel (4-lane registers), compiled once in this module.
    @usableFromInline
    static func _transformDouble(_ pointer: UnsafeMutablePointer<Double>, log2Count: Int, normalized: Bool) {
        HadamardKernels<SIMD4<Double>>.transform(pointer, log2Count: log2Count, normalized: normalized)
    }

    /// 1/√n for n = 2^L: exactly 2^(−L/2) for even L; 2^(−(L+1)/2)·√2, rounded once, for odd L.
    @usableFromInline
    static func normalizationFactor<S: BinaryFloatingPoint>(_ log2Count: Int) -> S {
        if log2Count % 2 == 0 { return S(sign: .plus, exponent: S.Exponent(-(log2Count / 2)), significand: 1) }
        return S(sign: .plus, exponent: S.Exponent(-(log2Count + 1) / 2), significand: 1) * S(2).squareRoot()
    }
}
