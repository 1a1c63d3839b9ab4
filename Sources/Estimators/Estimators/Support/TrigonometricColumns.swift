import Dispatch
import RandomFeatures
import _TrigonometricKernels
import _TrigonometricKernelsAVX2
import _TrigonometricKernelsAVX512

/// The cos/sin columns of the trigonometric feature maps:
///
///     out[p, j]     = sₚ · cos(z[p, j] + βⱼ)
///     out[p, m + j] = sₚ · sin(z[p, j] + βⱼ)        (when the sine columns are asked for)
///
/// with sₚ = `scale` · `rowScales[p]` (rowScales defaults to 1) and βⱼ = `offsets[j]` (default 0).
/// Double batches use `DoubleCosSin` (8 lanes, the same bits as `VectorMath.cosSin`: Cody–Waite
/// reduction, Cephes polynomials), Float batches `FloatCosSin` (16 Float lanes), each in the
/// variant compiled for the best instruction set this processor runs; all variants give the
/// same bits. Rows with an argument beyond the kernel's range (or NaN) fall back to the
/// library call.
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
                let band = Band(z: zb, out: buffer, columns: m, width: width, sinColumn: withSine ? m : nil,
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

    /// The same columns for one band of `rows` projections `z` (rows × m, row-major), written
    /// on the calling thread into `out` (rows × width, width = 2m or m), for consumers of
    /// `Projection.applyInBands`. Each value is computed exactly as in `features`.
    static func write<S: BLASScalar>(_ z: UnsafeBufferPointer<S>, rows: Int, columns m: Int, into out: UnsafeMutablePointer<S>,
                                     scale: Double, offsets: [Double]? = nil, withSine: Bool) {
        let width = withSine ? 2 * m : m
        precondition(z.count == rows * m && (offsets.map { $0.count == m } ?? true))
        guard rows * width > 0 else { return }
        let band = Band(z: z, out: UnsafeMutableBufferPointer(start: out, count: rows * width), columns: m, width: width,
                        sinColumn: withSine ? m : nil, scale: scale, rowScales: nil, offsets: offsets)
        band.write(rows: 0..<rows)
    }

    /// The buffers of one call; workers write disjoint row ranges of `out`.
    private struct Band<S: BLASScalar>: @unchecked Sendable {
        let z: UnsafeBufferPointer<S>
        let out: UnsafeMutableBufferPointer<S>
        let columns: Int
        let width: Int
        let sinColumn: Int?
        let scale: Double
        let rowScales: [Double]?
        let offsets: [Double]?

        func write(rows: Range<Int>) {
            if S.self == Float.self {
                writeFloat(rows: rows)
            } else {
                precondition(S.self == Double.self, "trigonometric columns are written for Float and Double")
                writeDouble(rows: rows)
            }
        }

        /// The Double path: 8 lanes of `DoubleCosSin` (the same bits as `VectorMath.cosSin`), in
        /// the variant compiled for the best instruction set this processor runs.
        private func writeDouble(rows: Range<Int>) {
            let zp = UnsafeRawPointer(z.baseAddress!).assumingMemoryBound(to: Double.self)
            let op = UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: Double.self)
            let sine = sinColumn ?? -1
            func run(_ scales: UnsafePointer<Double>?, _ betas: UnsafePointer<Double>?) {
                switch HadamardInstructionSet.best {
                case .avx512:
                    DoubleCosSinAVX512.writeRows(zp, columns: columns, rows: rows, into: op, width: width, sinColumn: sine,
                                                 scale: scale, rowScales: scales, offsets: betas)
                case .avx2:
                    DoubleCosSinAVX2.writeRows(zp, columns: columns, rows: rows, into: op, width: width, sinColumn: sine,
                                               scale: scale, rowScales: scales, offsets: betas)
                case .portable:
                    DoubleCosSin.writeRows(zp, columns: columns, rows: rows, into: op, width: width, sinColumn: sine,
                                           scale: scale, rowScales: scales, offsets: betas)
                }
            }
            (rowScales ?? []).withUnsafeBufferPointer { scales in
                (offsets ?? []).withUnsafeBufferPointer { betas in
                    run(rowScales == nil ? nil : scales.baseAddress, offsets == nil ? nil : betas.baseAddress)
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
