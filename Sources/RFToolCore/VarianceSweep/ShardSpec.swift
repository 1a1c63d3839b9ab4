/// `--shard i/n`: run the i-th of n deterministic slices of a sweep's cells
/// (cells whose plan index ≡ i mod n), for job arrays across machines.
public struct ShardSpec: Sendable, Equatable, Codable {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count)
        self.index = index
        self.count = count
    }

    /// Parses `i/n` with 0 ≤ i < n.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw RFToolError.usage("--shard: expected i/n (for example 0/4); got '\(text)'")
        }
        guard n >= 1 else { throw RFToolError.usage("--shard: the shard count n must be at least 1; got '\(text)'") }
        guard i >= 0 && i < n else {
            throw RFToolError.usage("--shard: the index i must be in 0...\(n - 1) for n = \(n); got '\(text)'")
        }
        self.init(index: i, count: n)
    }

    /// The suffix added to output names: `shard-i-of-n`.
    public var suffix: String { "shard-\(index)-of-\(count)" }
}
