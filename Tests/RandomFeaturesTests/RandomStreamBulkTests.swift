import Testing
@testable import RandomFeatures

/// `RandomStream.fill(words:)` and `discard(_:)` against repeated `next()`: the same words,
/// in every compiled kernel, and the same stream state afterwards (`==` compares every
/// stored property, the stale `buffered` word included).
@Suite struct RandomStreamBulkTests {
    /// Streams from several seeds and child paths, some with the block counter just before
    /// a carry from the low into the high 32 bits, or just before wrapping round 2⁶⁴.
    static func streams() -> [RandomStream] {
        var result = [RandomStream(seed: 0), RandomStream(seed: 42).child(3, 7), RandomStream(seed: .max, path: [1, 2, 3])]
        for start: UInt64 in [0xFFFF_FFF0, 0x1_FFFF_FFFB, .max - 6] {
            var s = RandomStream(seed: start).child(9)
            s.blockIndex = start
            result.append(s)
        }
        return result
    }

    static let lengths = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 65, 127, 1000, 4099, 100_003]

    /// The stream with one word already read (so one is buffered) or not.
    static func started(_ stream: RandomStream, buffered: Bool) -> RandomStream {
        var s = stream
        if buffered { _ = s.next() }
        return s
    }

    @Test(arguments: HadamardInstructionSet.available, [false, true])
    func bulkWordsEqualRepeatedNext(set: HadamardInstructionSet, buffered: Bool) {
        for stream in Self.streams() {
            for n in Self.lengths {
                var sequential = Self.started(stream, buffered: buffered)
                var bulk = sequential
                let expected = (0..<n).map { _ in sequential.next() }
                var words = [UInt64](repeating: 0, count: n)
                words.withUnsafeMutableBufferPointer { bulk.fill(words: $0, using: set) }
                #expect(words == expected, "n = \(n), \(set), buffered: \(buffered)")
                #expect(bulk == sequential, "state after n = \(n), \(set), buffered: \(buffered)")
                #expect((0..<5).map { _ in bulk.next() } == (0..<5).map { _ in sequential.next() })
            }
        }
    }

    /// Many fills of assorted lengths in a row, interleaved with single `next()` calls.
    @Test(arguments: HadamardInstructionSet.available)
    func consecutiveFillsContinueTheSequence(set: HadamardInstructionSet) {
        var sequential = RandomStream(seed: 0xB01C)
        var bulk = sequential
        var expected = [UInt64](), produced = [UInt64]()
        for n in [3, 1, 0, 8, 5, 33, 2, 1, 64, 17, 999] {
            expected += (0..<n).map { _ in sequential.next() }
            var words = [UInt64](repeating: 0, count: n)
            words.withUnsafeMutableBufferPointer { bulk.fill(words: $0, using: set) }
            produced += words
            expected.append(sequential.next())
            produced.append(bulk.next())
        }
        #expect(produced == expected)
        #expect(bulk == sequential)
    }

    @Test(arguments: [false, true])
    func discardEqualsRepeatedNext(buffered: Bool) {
        for stream in Self.streams() {
            for n in Array(0...40) + [1001, 4096] {
                var sequential = Self.started(stream, buffered: buffered)
                var skipped = sequential
                for _ in 0..<n { _ = sequential.next() }
                skipped.discard(n)
                #expect(skipped == sequential, "n = \(n), buffered: \(buffered)")
                #expect(skipped.next() == sequential.next())
            }
        }
    }

    /// The SIMD kernel against the scalar known-answer-tested `Philox4x32.block`, block by block.
    @Test(arguments: HadamardInstructionSet.available)
    func kernelBlocksEqualScalarBlocks(set: HadamardInstructionSet) {
        let key: (UInt32, UInt32) = (0xDEAD_BEEF, 0x0123_4567)
        for first: UInt64 in [0, 0xFFFF_FFFE, .max - 2] {
            for count in [1, 2, 3, 4, 5, 15, 16, 17, 35] {
                var words = [UInt64](repeating: 0, count: 2 * count)
                words.withUnsafeMutableBufferPointer {
                    RandomStream.writeBlocks($0.baseAddress!, count: count, firstBlock: first,
                                             streamID: 0x8000_0001_FFFF_FFFF, key: key, using: set)
                }
                for j in 0..<count {
                    let b = first &+ UInt64(j)
                    let (a, c) = Philox4x32.block(
                        counter: (UInt32(truncatingIfNeeded: b), UInt32(truncatingIfNeeded: b >> 32), 0xFFFF_FFFF, 0x8000_0001),
                        key: key)
                    #expect(words[2 * j] == a && words[2 * j + 1] == c, "block \(j) of \(count) from \(first), \(set)")
                }
            }
        }
    }
}
