import Testing
@testable import RandomFeatures

/// `Ziggurat.fill(_:using:)` (words generated in bulk) against the one-draw-at-a-time
/// reference `Ziggurat.sequentialFill`: the same bits and the same stream afterwards, in
/// every compiled kernel, for fills long enough to take the wedge and tail paths many times.
@Suite struct ZigguratFillTests {
    func fill(_ n: Int, _ stream: inout RandomStream, _ set: HadamardInstructionSet?) -> [Double] {
        var values = [Double](repeating: .nan, count: n)
        values.withUnsafeMutableBufferPointer { out in
            if let set {
                Ziggurat.fill(out, using: &stream, instructionSet: set)
            } else {
                Ziggurat.sequentialFill(out, using: &stream)
            }
        }
        return values
    }

    func expectSame(_ a: [Double], _ b: [Double], _ label: String) {
        #expect(a.count == b.count)
        let firstDifference = a.indices.first { $0 < b.count && a[$0].bitPattern != b[$0].bitPattern }
        #expect(firstDifference == nil, "\(label): first difference at \(firstDifference ?? -1)")
    }

    /// 3 million normals: about 780 tail draws (P(|Z| > r) = 2.6e-4) and tens of thousands of
    /// wedge draws, some of them rejected (a fresh draw follows).
    @Test(arguments: HadamardInstructionSet.available, [false, true])
    func largeFillEqualsSequential(set: HadamardInstructionSet, buffered: Bool) {
        var reference = RandomStream(seed: 0x2166, path: [buffered ? 1 : 0])
        if buffered { _ = reference.next() }
        var bulk = reference
        let n = 3_000_000
        let expected = fill(n, &reference, nil)
        let values = fill(n, &bulk, set)
        expectSame(values, expected, "\(set), buffered: \(buffered)")
        #expect(values.contains { abs($0) > Ziggurat.r }, "the tail path ran")
        #expect(bulk == reference)
        #expect((0..<9).map { _ in bulk.next() } == (0..<9).map { _ in reference.next() })
    }

    /// Odd and small sizes, one after another from the same stream, with single draws between.
    @Test(arguments: HadamardInstructionSet.available)
    func smallFillsInARowEqualSequential(set: HadamardInstructionSet) {
        for seed: UInt64 in 0..<40 {
            var reference = RandomStream(seed: seed)
            var bulk = reference
            for n in [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 63, 100, 511, 512, 513, 1023, 4097] {
                expectSame(fill(n, &bulk, set), fill(n, &reference, nil), "n = \(n), seed \(seed), \(set)")
                #expect(bulk == reference, "state after n = \(n), seed \(seed), \(set)")
                #expect(bulk.next() == reference.next())
            }
        }
    }

    /// Across the block counter's carry from the low into the high 32 bits.
    @Test(arguments: HadamardInstructionSet.available)
    func fillAcrossTheCounterCarryEqualsSequential(set: HadamardInstructionSet) {
        var reference = RandomStream(seed: 7)
        reference.blockIndex = 0xFFFF_FF00
        var bulk = reference
        expectSame(fill(100_001, &bulk, set), fill(100_001, &reference, nil), "\(set)")
        #expect(bulk == reference)
    }

    /// The reference itself: one `normal(using:)` per entry.
    @Test func sequentialFillEqualsRepeatedNormal() {
        var a = RandomStream(seed: 99), b = a
        let values = fill(200_000, &a, nil)
        expectSame(values, (0..<200_000).map { _ in Ziggurat.normal(using: &b) }, "sequentialFill")
        #expect(a == b)
    }
}
