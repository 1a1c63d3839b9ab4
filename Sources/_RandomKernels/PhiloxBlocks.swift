/// Many consecutive Philox4x32-10 blocks at once (Salmon, Moraes, Dror, Shaw,
/// "Parallel random numbers: as easy as 1, 2, 3", SC 2011), for `RandomStream`'s
/// bulk word generator. The words are exactly those of the scalar
/// `Philox4x32.block` for counters (b, streamID) with b = firstBlock, firstBlock + 1, …:
///
///     word 2j     = c0 | c1 << 32       of block firstBlock + j
///     word 2j + 1 = c2 | c3 << 32
///
/// Layout: one 64-bit lane pair per block, as the block sits in memory,
///
///     lane 2j = c0 | c1 << 32  (= the block index b, a 64-bit counter with its carry)
///     lane 2j+1 = c2 | c3 << 32  (= streamID)
///
/// so the counters start as (b, streamID) pairs and the final state is stored as is. One
/// round,
///
///     (c0, c1, c2, c3) ← (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0)),
///
/// is then four vector operations on a register of 4 blocks: a 32×32→64 multiply of each
/// lane's low half by (M0, M1, M0, …) (`pmuludq`, which ignores the high halves: the
/// `& 0xFFFF_FFFF` only tells LLVM so), one 32-bit shuffle that reverses each block's four
/// halves (p = [lo0, hi0, lo1, hi1] → [hi1, lo1, hi0, lo0]), and an exclusive or with
/// (c1, 0, c3, 0) = state >> 32 and the round key (k0, 0, k1, 0).
///
/// Everything is `@inlinable` and always inlined so that the instruction-set targets
/// (`_RandomKernelsAVX2`, `_RandomKernelsAVX512`), compiled with their own flags, get their
/// own machine code; integer arithmetic makes every variant bit-identical.
public enum PhiloxBlocks {
    /// Four blocks: 16 32-bit halves in 8 64-bit lanes.
    public typealias Lanes = SIMD8<UInt64>

    /// Writes the `2 · count` words of blocks `firstBlock ..< firstBlock + count` (the
    /// block index wraps modulo 2⁶⁴, like `RandomStream`'s) of the stream `streamID` under
    /// `key`, to `out`, which needs no alignment.
    @inlinable @inline(__always)
    public static func write(
        _ out: UnsafeMutablePointer<UInt64>, count: Int, firstBlock: UInt64, streamID: UInt64, key: (UInt32, UInt32)
    ) {
        precondition(count >= 0)
        let destination = UnsafeMutableRawPointer(out)
        let step = Lanes(4, 0, 4, 0, 4, 0, 4, 0)
        var counters = Lanes(firstBlock, streamID, firstBlock &+ 1, streamID,
                             firstBlock &+ 2, streamID, firstBlock &+ 3, streamID)
        let firstKey = SIMD16<UInt32>(key.0, 0, key.1, 0, key.0, 0, key.1, 0,
                                      key.0, 0, key.1, 0, key.0, 0, key.1, 0)
        var done = 0
        // 16 blocks (4 registers) per pass: enough independent multiplies to hide their latency.
        while count - done >= 16 {
            var s0 = counters, s1 = counters &+ step, s2 = s1 &+ step, s3 = s2 &+ step
            counters = s3 &+ step
            var k = firstKey
            for _ in 0..<10 {
                let kv = unsafeBitCast(k, to: Lanes.self)
                s0 = round(s0, kv)
                s1 = round(s1, kv)
                s2 = round(s2, kv)
                s3 = round(s3, kv)
                k &+= weyl
            }
            let base = destination + done &* 16
            base.storeBytes(of: s0, as: Lanes.self)
            (base + 64).storeBytes(of: s1, as: Lanes.self)
            (base + 128).storeBytes(of: s2, as: Lanes.self)
            (base + 192).storeBytes(of: s3, as: Lanes.self)
            done += 16
        }
        // Then 4 blocks at a time, the last register stored only in part.
        while done < count {
            var s = counters
            counters = s &+ step
            var k = firstKey
            for _ in 0..<10 {
                s = round(s, unsafeBitCast(k, to: Lanes.self))
                k &+= weyl
            }
            let blocks = min(4, count - done)
            let base = destination + done &* 16
            if blocks == 4 {
                base.storeBytes(of: s, as: Lanes.self)
            } else {
                for lane in 0..<(2 * blocks) {
                    base.storeBytes(of: s[lane], toByteOffset: lane &* 8, as: UInt64.self)
                }
            }
            done += blocks
        }
    }

    /// The Weyl key increments (W0, 0, W1, 0), added to the key halves with 32-bit wrap-around.
    @inlinable @inline(__always)
    static var weyl: SIMD16<UInt32> {
        SIMD16(0x9E37_79B9, 0, 0xBB67_AE85, 0, 0x9E37_79B9, 0, 0xBB67_AE85, 0,
               0x9E37_79B9, 0, 0xBB67_AE85, 0, 0x9E37_79B9, 0, 0xBB67_AE85, 0)
    }

    /// One Philox round on four blocks (see the type's documentation).
    @inlinable @inline(__always)
    static func round(_ s: Lanes, _ key: Lanes) -> Lanes {
        let multipliers = Lanes(0xD251_1F53, 0xCD9E_8D57, 0xD251_1F53, 0xCD9E_8D57,
                                0xD251_1F53, 0xCD9E_8D57, 0xD251_1F53, 0xCD9E_8D57)
        let p = unsafeBitCast((s & 0xFFFF_FFFF) &* multipliers, to: SIMD16<UInt32>.self)
        let swapped = SIMD16<UInt32>(p[3], p[2], p[1], p[0], p[7], p[6], p[5], p[4],
                                     p[11], p[10], p[9], p[8], p[15], p[14], p[13], p[12])
        return unsafeBitCast(swapped, to: Lanes.self) ^ (s &>> 32) ^ key
    }
}
