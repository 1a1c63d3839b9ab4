import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Batches: every row of a row-major buffer

extension FastWalshHadamardTransform {
    /// Batches smaller than this many scalars run on the calling thread: below it the
    /// cost of waking workers is comparable to the work (2^10 Floats take ~0.3 µs).
    public static let parallelThreshold = 1 << 17

    /// Transforms every row of a batch (`rows × 2^log2Count`, row-major) in place.
    ///
    /// - Parameters:
    ///   - batch: a matrix with exactly 2^log2Count columns.
    ///   - log2Count: 0 ≤ log2Count ≤ `maxLog2Count`.
    ///   - normalized: false (default) gives H·x per row, true gives Ĥ·x = H·x/√n.
    ///   - parallel: true (default) shares rows between threads when the batch holds at
    ///     least `parallelThreshold` scalars; pass false when the caller is already
    ///     parallel. The result is bit-identical either way.
    @inlinable
    public static func transformRows<S: BLASScalar>(
        _ batch: inout Matrix<S>, log2Count: Int, normalized: Bool = false, parallel: Bool = true
    ) {
        precondition((0...maxLog2Count).contains(log2Count), "log2Count must be in 0...\(maxLog2Count)")
        precondition(batch.columns == 1 << log2Count, "row length must be 2^log2Count")
        let rows = batch.rows
        batch.storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            transformRows(base, rows: rows, log2Count: log2Count, normalized: normalized, parallel: parallel)
        }
    }

    /// Transforms `rows` consecutive rows of 2^log2Count scalars at `pointer` in place.
    ///
    /// Each row is transformed by the same single-row kernel, and a row is never
    /// split between threads, so the result does not depend on the thread count.
    @inlinable
    public static func transformRows<S: BLASScalar>(
        _ pointer: UnsafeMutablePointer<S>, rows: Int, log2Count: Int,
        normalized: Bool = false, parallel: Bool = true
    ) {
        precondition(rows >= 0, "rows must be non-negative")
        precondition((0...maxLog2Count).contains(log2Count), "log2Count must be in 0...\(maxLog2Count)")
        let n = 1 << log2Count
        let chunks = parallel ? rowChunkCount(rows: rows, rowLength: n) : 1
        if chunks <= 1 {
            for r in 0..<rows {
                transform(pointer + r * n, log2Count: log2Count, normalized: normalized)
            }
            return
        }
        nonisolated(unsafe) let base = pointer
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            // Contiguous row ranges, fixed by (rows, chunks) alone.
            let start = rows * chunk / chunks, end = rows * (chunk + 1) / chunks
            for r in start..<end {
                transform(base + r * n, log2Count: log2Count, normalized: normalized)
            }
        }
    }

    /// How many contiguous row ranges to hand to `concurrentPerform` (1 = stay serial).
    @usableFromInline
    static func rowChunkCount(rows: Int, rowLength: Int) -> Int {
        guard rows >= 2, rows * rowLength >= parallelThreshold
        else { return 1 }
        return min(rows, 4 * activeProcessors)
    }

    /// The number of processors the scheduler may use.
    @usableFromInline
    static let activeProcessors: Int = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
