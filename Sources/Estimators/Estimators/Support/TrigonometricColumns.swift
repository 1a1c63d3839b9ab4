import Dispatch
import RandomFeatures
import _TrigonometricKernels
import _TrigonometricKernelsAVX2
import _TrigonometricKernelsAVX512

/// The cos/sin columns of the trigonometric feature maps, written in blocks of
/// eight with `VectorMath.cosSin` (Cody–Waite reduction, Cephes polynomials, in
/// Double lanes for Float and Double batches alike):
///
///     out[p, cosColumn + j] = sₚ · cos(z[p, j] + βⱼ)
///     out[p, sinColumn + j] = sₚ · sin(z[p, j] + βⱼ)        (when `sinColumn` is given)
///
/// with sₚ = `scale` · `rowScales[p]` (rowScales defaults to 1) and βⱼ = `offsets[j]` (default 0).
/// Arguments beyond VectorMath's reduction range fall back to the library call.
///
/// Rows are split into contiguous bands written by up to `threads` workers; every
/// value is computed the same way whatever the band, so the bytes do not depend on
/// the thread count.
enum TrigonometricColumns {
    /// Below this many arguments one thread does the work (spawning costs more).
    static let parallelThreshold = 1 << 16

    /// The n×m (cos only) or n×2m ([cos | sin]) feature matrix of the projections `z` (n×m),
    /// written once into uninitialised storage (no zero fill: every entry is written).
    static func features<S: BLASScalar>(_ z: Matrix<S>, scale: Double, rowScales: [Double]? = nil, offsets: [Double]? = nil,
                                        withSine: Bool, threads: Int = FeatureThreads.count) -> Matrix<S> {
        let m = z.columns, rows = z.rows
        let width = withSine ? 2 * m : m
        precondition(offsets.map { $0.count == m } ?? true)
        precondition(rowScales.map { $0.count == rows } ?? true)
        let workers = z.storage.count < parallelThreshold ? 1 : max(1, min(threads, rows))
        let storage = [S](unsafeUninitializedCapacity: rows * width) { buffer, initialized in
            z.storage.withUnsafeBufferPointer { zb in
                let band = Band(z: zb, out: buffer, columns: m, width: width, cosColumn: 0, sinColumn: withSine ? m : nil,
                                scale: scale, rowScales: rowScales, offsets: offsets)
                if rows * width == 0 {
                    // Nothing to write.
                } else if workers == 1 {
                    band.write(rows: 0..<rows)
                } else {
                    let per = (rows + workers - 1) / workers
                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                        band.write(rows: min(rows, w * per)..<min(rows, (w + 1) * per))
                    }
                }
            }
            initialized = rows * width
        }
        return Matrix(rows: rows, columns: width, storage: storage)
    }

    /// The buffers of one call; workers write disjoint row ranges of `out`.
    private struct Band<S: BLASScalar>: @unchecked Sendable {
        let z: UnsafeBufferPointer<S>
        let out: UnsafeMutableBufferPointer<S>
        let columns: Int
        let width: Int
        let cosColumn: Int
        let sinColumn: Int?
        let scale: Double
        let rowScales: [Double]?
        let offsets: [Double]?

        func write(rows: Range<Int>) {
            if S.self == Float.self {
                writeFloat(rows: rows)
                return
            }
            let m = columns
            let zp = z.baseAddress!, op = out.baseAddress!
            for p in rows {
                let s = scale * (rowScales?[p] ?? 1)
                let row = zp + p * m
                let cosOut = op + p * width + cosColumn
                let sinOut = sinColumn.map { op + p * width + $0 }
                // One range check per row (the stdlib's mask operations go lane by lane).
                var largest = 0.0
                for j in 0..<m { largest = Swift.max(largest, Swift.abs(row[j].doubleValue) + Swift.abs(offsets?[j] ?? 0)) }
                let inRange = largest < VectorMath.reductionRange
                var j = 0
                while j < m {
                    let valid = min(8, m - j)
                    var v: SIMD8<Double>
                    if valid == 8 {
                        v = SIMD8(row[j].doubleValue, row[j + 1].doubleValue, row[j + 2].doubleValue, row[j + 3].doubleValue,
                                  row[j + 4].doubleValue, row[j + 5].doubleValue, row[j + 6].doubleValue, row[j + 7].doubleValue)
                    } else {
                        v = SIMD8()
                        for k in 0..<valid { v[k] = row[j + k].doubleValue }
                    }
                    if let offsets {
                        offsets.withUnsafeBufferPointer { o in
                            if valid == 8 {
                                v += SIMD8(o[j], o[j + 1], o[j + 2], o[j + 3], o[j + 4], o[j + 5], o[j + 6], o[j + 7])
                            } else {
                                for k in 0..<valid { v[k] += o[j + k] }
                            }
                        }
                    }
                    var c: SIMD8<Double>, sn: SIMD8<Double>
                    if inRange {
                        (c, sn) = VectorMath.cosSin(v)
                    } else {
                        c = SIMD8()
                        sn = SIMD8()
                        for k in 0..<valid {
                            c[k] = Double.cos(v[k])
                            sn[k] = Double.sin(v[k])
                        }
                    }
                    c *= s
                    sn *= s
                    store(c, cosOut + j, valid)
                    if let sinOut { store(sn, sinOut + j, valid) }
                    j += 8
                }
            }
        }

        /// The Float path: 16 lanes of `FloatCosSin`, in the variant compiled for the best
        /// instruction set this processor runs (all variants give the same bits).
        private func writeFloat(rows: Range<Int>) {
            let zp = UnsafeRawPointer(z.baseAddress!).assumingMemoryBound(to: Float.self)
            let op = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: Float.self)
            let sine = sinColumn ?? -1
            let floatOffsets = offsets?.map { Float($0) }
            func run(_ scales: UnsafePointer<Double>?, _ betas: UnsafePointer<Float>?) {
                switch HadamardInstructionSet.best {
                case .avx512:
                    FloatCosSinAVX512.writeRows(zp, columns: columns, rows: rows, into: op, width: width, sinColumn: sine,
                                                scale: scale, rowScales: scales, offsets: betas)
                case .avx2:
                    FloatCosSinAVX2.writeRows(zp, columns: columns, rows: rows, into: op, width: width, sinColumn: sine,
                                              scale: scale, rowScales: scales, offsets: betas)
                case .portable:
                    FloatCosSin.writeRows(zp, columns: columns, rows: rows, into: op, width: width, sinColumn: sine,
                                          scale: scale, rowScales: scales, offsets: betas)
                }
            }
            (rowScales ?? []).withUnsafeBufferPointer { scales in
                (floatOffsets ?? []).withUnsafeBufferPointer { betas in
                    run(rowScales == nil ? nil : scales.baseAddress, floatOffsets == nil ? nil : betas.baseAddress)
                }
            }
        }

        @inline(__always)
        private func store(_ v: SIMD8<Double>, _ to: UnsafeMutablePointer<S>, _ valid: Int) {
            if valid == 8 {
                to[0] = S(v[0]); to[1] = S(v[1]); to[2] = S(v[2]); to[3] = S(v[3])
                to[4] = S(v[4]); to[5] = S(v[5]); to[6] = S(v[6]); to[7] = S(v[7])
            } else {
                for k in 0..<valid { to[k] = S(v[k]) }
            }
        }
    }
}

/// How many threads the feature maps' element-wise loops use (all cores by default).
/// The output never depends on it. Set it once at start-up (`rftool bench features
/// --threads`), before any transform runs.
public enum FeatureThreads {
    nonisolated(unsafe) public static var count = max(1, (try? systemCoreCount()) ?? 1)

    static func systemCoreCount() throws -> Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 1
        #endif
    }
}
#if canImport(Glibc)
import Glibc
#endif
