/// Every estimate of a wave of cells, in one block of memory owned here:
/// cell c's trial t, pair p at `offset(c) + t·P + p`.
///
/// Workers write disjoint ranges (one trial each) from many threads at once,
/// which a Swift array cannot allow; this wrapper owns the raw memory, checks
/// every range, and frees it in `deinit`. Statistics read it only after all
/// writers have finished.
final class TrialStore: @unchecked Sendable {
    private let base: UnsafeMutablePointer<Double>
    let count: Int

    init(count: Int) {
        precondition(count >= 0)
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: .nan, count: max(count, 1))
    }

    deinit { base.deallocate() }

    /// Copies `values` to `offset…`.
    func write(_ values: [Double], at offset: Int) {
        precondition(offset >= 0 && offset + values.count <= count, "trial store range out of bounds")
        values.withUnsafeBufferPointer { source in
            (base + offset).update(from: source.baseAddress!, count: source.count)
        }
    }

    /// `count` values starting at `offset`, `stride` apart, as a new array.
    func gather(from offset: Int, stride: Int, count n: Int) -> [Double] {
        precondition(n >= 1 && offset >= 0 && offset + (n - 1) * stride < count, "trial store range out of bounds")
        return (0..<n).map { base[offset + $0 * stride] }
    }
}
