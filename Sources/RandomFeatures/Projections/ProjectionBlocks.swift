import Dispatch

/// How the m rows of a block-structured projection split into blocks of size `blockSize`.
///
///     B = ⌈m / blockSize⌉ blocks; block b holds rows b·blockSize ..< min(m, (b+1)·blockSize)
///
/// The last block is truncated when `blockSize` does not divide m (ALGORITHMS.md §8.14:
/// rftool returns exactly the m rows asked for, never rounds m up).
struct ProjectionBlocks: Sendable, Hashable {
    let rowCount: Int
    let blockSize: Int

    init(rowCount m: Int, blockSize: Int) {
        precondition(m >= 1 && blockSize >= 1)
        rowCount = m
        self.blockSize = blockSize
    }

    /// B = ⌈m / blockSize⌉.
    var count: Int { (rowCount + blockSize - 1) / blockSize }

    /// The rows of W that block b supplies.
    func rows(ofBlock b: Int) -> Range<Int> {
        (b * blockSize)..<min(rowCount, (b + 1) * blockSize)
    }
}

/// The smallest power of two ≥ d, and its base-2 logarithm: SORF and Fastfood
/// zero-pad inputs to this length (ALGORITHMS.md §2.3).
func paddedLength(_ d: Int) -> (length: Int, log2Length: Int) {
    precondition(d >= 1)
    var log2p = 0
    while (1 << log2p) < d { log2p += 1 }
    return (1 << log2p, log2p)
}

// MARK: - Row-parallel batches

/// Runs a per-row computation over a batch, sharing contiguous row ranges between
/// threads when the batch is large enough to repay waking them.
///
/// Every row is computed by the same code whichever range it falls in, and a row is
/// never split, so the result is bit-identical for any thread count (STYLE.md §4).
enum RowParallel {
    /// Batches below this many scalars of work run on the calling thread (the FWHT's
    /// threshold: below it waking workers costs about as much as the work).
    static let threshold = FastWalshHadamardTransform.parallelThreshold

    /// The number of row ranges (and so the most threads) a batch of `rows` rows, each
    /// costing about `workPerRow` scalar operations, is split into.
    static func chunkCount(rows: Int, workPerRow: Int) -> Int {
        guard rows >= 2, rows.multipliedReportingOverflow(by: workPerRow).partialValue >= threshold
              || rows.multipliedReportingOverflow(by: workPerRow).overflow
        else { return 1 }
        return min(rows, 4 * FastWalshHadamardTransform.activeProcessors)
    }

    /// Calls `body(range)` once for each of `chunks` contiguous ranges covering 0..<rows,
    /// concurrently when `chunks > 1`. `body` must touch only the rows of its range.
    static func forEachRange(rows: Int, chunks: Int, _ body: (Range<Int>) -> Void) {
        if chunks <= 1 {
            body(0..<rows)
            return
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                // Ranges fixed by (rows, chunks) alone.
                work((rows * chunk / chunks)..<(rows * (chunk + 1) / chunks))
            }
        }
    }
}
