/// A counter-based random stream: Philox4x32-10 (Salmon, Moraes, Dror, Shaw,
/// "Parallel random numbers: as easy as 1, 2, 3", SC 2011).
///
///     block(k) = Philox4x32-10(key, counter = (k, streamID))      four 32-bit words
///
/// Every independent unit of work (an experiment cell, a trial, a block of a
/// projection) gets its own stream derived from `(seed, indices…)`, never from
/// execution order. Because a stream is a pure function of its key and counter,
/// parallel and sharded runs reproduce a serial run bit for bit.
///
/// - `RandomStream(seed: s)` is the root stream of a run.
/// - `stream.child(i, j, …)` derives an independent stream for the unit `(i, j, …)`.
///   Deriving does not advance the parent.
public struct RandomStream: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var key0: UInt32
    @usableFromInline var key1: UInt32
    /// Identifies the stream: the high 64 bits of the 128-bit counter.
    @usableFromInline let streamID: UInt64
    /// Index of the next block: the low 64 bits of the counter.
    @usableFromInline var blockIndex: UInt64 = 0
    /// One buffered 64-bit word (the second half of the last block), if any.
    @usableFromInline var buffered: UInt64 = 0
    @usableFromInline var hasBuffered = false

    /// The root stream of a run.
    public init(seed: UInt64) {
        let k = SplitMix64.mix(seed)
        key0 = UInt32(truncatingIfNeeded: k)
        key1 = UInt32(truncatingIfNeeded: k >> 32)
        streamID = SplitMix64.mix(seed ^ 0x5DEE_CE66_D1CE_5EED)
    }

    /// The root stream of `seed`, followed by `child(path…)`.
    public init(seed: UInt64, path: [UInt64]) {
        self = RandomStream(seed: seed).child(path)
    }

    @usableFromInline init(key0: UInt32, key1: UInt32, streamID: UInt64) {
        self.key0 = key0
        self.key1 = key1
        self.streamID = streamID
    }

    /// An independent stream for the unit of work named by `indices`, derived
    /// from this stream's identity (not from how much of it has been used).
    public func child(_ indices: UInt64...) -> RandomStream { child(indices) }

    /// An independent stream for the unit of work named by `indices`.
    public func child(_ indices: [UInt64]) -> RandomStream {
        var id = streamID
        for (depth, index) in indices.enumerated() {
            id = SplitMix64.mix(id ^ SplitMix64.mix(index &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(depth + 1)))
        }
        return RandomStream(key0: key0, key1: key1, streamID: id)
    }

    @inlinable
    public mutating func next() -> UInt64 {
        if hasBuffered {
            hasBuffered = false
            return buffered
        }
        let (a, b) = Philox4x32.block(
            counter: (UInt32(truncatingIfNeeded: blockIndex), UInt32(truncatingIfNeeded: blockIndex >> 32),
                      UInt32(truncatingIfNeeded: streamID), UInt32(truncatingIfNeeded: streamID >> 32)),
            key: (key0, key1))
        blockIndex &+= 1
        buffered = b
        hasBuffered = true
        return a
    }
}

/// The Philox4x32 bijection with 10 rounds.
public enum Philox4x32 {
    @usableFromInline static let m0: UInt64 = 0xD251_1F53
    @usableFromInline static let m1: UInt64 = 0xCD9E_8D57
    @usableFromInline static let w0: UInt32 = 0x9E37_79B9
    @usableFromInline static let w1: UInt32 = 0xBB67_AE85

    /// Encrypts one 128-bit counter; returns it as two 64-bit words.
    @inlinable
    public static func block(counter: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32)) -> (UInt64, UInt64) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 {
                k0 &+= w0
                k1 &+= w1
            }
            let p0 = m0 &* UInt64(c0)
            let p1 = m1 &* UInt64(c2)
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
        }
        return (UInt64(c0) | UInt64(c1) << 32, UInt64(c2) | UInt64(c3) << 32)
    }
}

/// SplitMix64 (Steele, Lea, Flood, OOPSLA 2014): used here to mix seeds and
/// indices into stream keys, and as a small generator in its own right.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijection of UInt64 with good avalanche.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
