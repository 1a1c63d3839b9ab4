import _HadamardKernels
import _HadamardKernelsAVX2
import _HadamardKernelsAVX512

/// The element-wise loops of the structured projections (sign flips, diagonal scalings),
/// written with explicit SIMD so they vectorise whatever the optimiser proves about
/// aliasing. Pointers need no alignment. Each output is one product, so results do not
/// depend on the vector width.
enum ElementwiseKernels {
    /// t[i] ← t[i] · d[i] for i < count.
    @inline(__always)
    static func multiply<S: BLASScalar>(_ t: UnsafeMutablePointer<S>, by d: UnsafePointer<S>, count: Int) {
        multiply(UnsafePointer(t), d, into: t, count: count)
    }

    /// t[i] ← x[i] · d[i] for i < count (t may be x), in the `ElementwiseProduct` variant
    /// compiled for the best instruction set this processor runs (all give the same bits).
    @inline(__always)
    static func multiply<S: BLASScalar>(_ x: UnsafePointer<S>, _ d: UnsafePointer<S>,
                                        into t: UnsafeMutablePointer<S>, count: Int) {
        if S.self == Float.self {
            multiply(UnsafeRawPointer(x).assumingMemoryBound(to: Float.self), UnsafeRawPointer(d).assumingMemoryBound(to: Float.self),
                     into: UnsafeMutableRawPointer(t).assumingMemoryBound(to: Float.self), count: count)
        } else if S.self == Double.self {
            multiply(UnsafeRawPointer(x).assumingMemoryBound(to: Double.self), UnsafeRawPointer(d).assumingMemoryBound(to: Double.self),
                     into: UnsafeMutableRawPointer(t).assumingMemoryBound(to: Double.self), count: count)
        } else {
            for i in 0..<count { t[i] = x[i] * d[i] }
        }
    }

    @inline(__always)
    static func multiply(_ x: UnsafePointer<Float>, _ d: UnsafePointer<Float>, into t: UnsafeMutablePointer<Float>, count: Int) {
        switch HadamardInstructionSet.best {
        case .avx512: HadamardKernelsAVX512.multiply(x, d, into: t, count: count)
        case .avx2: HadamardKernelsAVX2.multiply(x, d, into: t, count: count)
        case .portable: ElementwiseProduct.multiply(x, d, into: t, count: count)
        }
    }

    @inline(__always)
    static func multiply(_ x: UnsafePointer<Double>, _ d: UnsafePointer<Double>, into t: UnsafeMutablePointer<Double>, count: Int) {
        switch HadamardInstructionSet.best {
        case .avx512: HadamardKernelsAVX512.multiply(x, d, into: t, count: count)
        case .avx2: HadamardKernelsAVX2.multiply(x, d, into: t, count: count)
        case .portable: ElementwiseProduct.multiply(x, d, into: t, count: count)
        }
    }

    /// t[i] ← g[i] · u[π(i)] for i < count: a diagonal times a permutation (a gather).
    @inline(__always)
    static func gatherMultiply<S: BLASScalar>(_ u: UnsafePointer<S>, permutation: UnsafePointer<Int32>,
                                              _ g: UnsafePointer<S>, into t: UnsafeMutablePointer<S>, count: Int) {
        var i = 0
        while i + 4 <= count {
            let a = u[Int(permutation[i])], b = u[Int(permutation[i + 1])]
            let c = u[Int(permutation[i + 2])], e = u[Int(permutation[i + 3])]
            t[i] = g[i] * a
            t[i + 1] = g[i + 1] * b
            t[i + 2] = g[i + 2] * c
            t[i + 3] = g[i + 3] * e
            i += 4
        }
        while i < count {
            t[i] = g[i] * u[Int(permutation[i])]
            i += 1
        }
    }
}

/// Prefetch hints for the next batch row of a structured projection, issued a slice at a
/// time between the current row's transforms (all at once, they stall on the fill buffers).
/// Hints only: they change no value.
struct NextRowPrefetch {
    /// The next row's inputs (read) and outputs (write), nil when there is none to fetch.
    let input: UnsafeRawPointer?
    let inputBytes: Int
    let output: UnsafeRawPointer?
    let outputBytes: Int
    /// How many slices the two ranges are cut into.
    let slices: Int

    static var none: NextRowPrefetch { NextRowPrefetch(input: nil, inputBytes: 0, output: nil, outputBytes: 0, slices: 1) }

    /// Issues slice `i` of `slices` of both ranges.
    @inline(__always)
    func issue(_ i: Int) {
        if let input { Self.read(input, bytes: inputBytes, slice: i, of: slices) }
        if let output { Self.write(output, bytes: outputBytes, slice: i, of: slices) }
    }

    @inline(__always)
    static func read(_ start: UnsafeRawPointer, bytes: Int, slice i: Int, of count: Int) {
        let size = (bytes / count + 63) & ~63, begin = i * size
        if begin < bytes { MemoryPrefetch.read(start + begin, byteCount: min(size, bytes - begin)) }
    }

    @inline(__always)
    static func write(_ start: UnsafeRawPointer, bytes: Int, slice i: Int, of count: Int) {
        let size = (bytes / count + 63) & ~63, begin = i * size
        if begin < bytes { MemoryPrefetch.write(start + begin, byteCount: min(size, bytes - begin)) }
    }
}
