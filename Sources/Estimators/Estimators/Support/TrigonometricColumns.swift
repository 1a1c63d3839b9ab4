import Dispatch
import RandomFeatures

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

    static func write<S: BLASScalar>(_ z: Matrix<S>, scale: Double, rowScales: [Double]? = nil, offsets: [Double]? = nil,
                                     into out: inout Matrix<S>, cosColumn: Int, sinColumn: Int?,
                                     threads: Int = FeatureThreads.count) {
        let m = z.columns, width = out.columns
        precondition(out.rows == z.rows && cosColumn + m <= width && (sinColumn.map { $0 + m <= width } ?? true))
        precondition(offsets.map { $0.count == m } ?? true)
        precondition(rowScales.map { $0.count == z.rows } ?? true)
        let rows = z.rows
        let workers = z.storage.count < parallelThreshold ? 1 : max(1, min(threads, rows))
        z.storage.withUnsafeBufferPointer { zb in
            out.storage.withUnsafeMutableBufferPointer { ob in
                let band = Band(z: zb, out: ob, columns: m, width: width, cosColumn: cosColumn, sinColumn: sinColumn,
                                scale: scale, rowScales: rowScales, offsets: offsets)
                if workers == 1 {
                    band.write(rows: 0..<rows)
                } else {
                    let per = (rows + workers - 1) / workers
                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                        band.write(rows: (w * per)..<min(rows, (w + 1) * per))
                    }
                }
            }
        }
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
            if S.self == Float.self && offsets == nil {
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

        /// The Float path: 16 lanes of `FloatTrigonometry`, Double only for out-of-range arguments.
        private func writeFloat(rows: Range<Int>) {
            let m = columns
            let zp = UnsafeRawPointer(z.baseAddress!).assumingMemoryBound(to: Float.self)
            let op = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: Float.self)
            for p in rows {
                let s = Float(scale * (rowScales?[p] ?? 1))
                let row = zp + p * m
                let cosOut = op + p * width + cosColumn
                let sinOut = sinColumn.map { op + p * width + $0 }
                // One range check per row (the mask operations of the stdlib go lane by lane).
                var largest: Float = 0
                for j in 0..<m { largest = Swift.max(largest, Swift.abs(row[j])) }
                var j = 0
                while largest < FloatTrigonometry.limit && j + 16 <= m {
                    let v = UnsafeRawPointer(row + j).loadUnaligned(as: FloatTrigonometry.Lanes.self)
                    let (c, sn) = FloatTrigonometry.cosSin(v)
                    UnsafeMutableRawPointer(cosOut + j).storeBytes(of: c * s, as: FloatTrigonometry.Lanes.self)
                    if let sinOut { UnsafeMutableRawPointer(sinOut + j).storeBytes(of: sn * s, as: FloatTrigonometry.Lanes.self) }
                    j += 16
                }
                // The last m mod 16 columns (all of them in a row with a large argument), in Double.
                while j < m {
                    let t = Double(row[j])
                    cosOut[j] = Float(Double(s) * Double.cos(t))
                    if let sinOut { sinOut[j] = Float(Double(s) * Double.sin(t)) }
                    j += 1
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
