import Testing
@testable import RandomFeatures

@Suite struct RandomStreamTests {
    @Test func philoxKnownAnswer() {
        // Random123 known-answer test for Philox4x32-10, counter = 0, key = 0.
        let (a, b) = Philox4x32.block(counter: (0, 0, 0, 0), key: (0, 0))
        #expect(UInt32(truncatingIfNeeded: a) == 0x6627_e8d5)
        #expect(UInt32(truncatingIfNeeded: a >> 32) == 0xe169_c58d)
        #expect(UInt32(truncatingIfNeeded: b) == 0xbc57_ac4c)
        #expect(UInt32(truncatingIfNeeded: b >> 32) == 0x9b00_dbd8)
    }

    @Test func philoxKnownAnswerAllOnes() {
        // Random123 known-answer test: counter = key = all ones.
        let (a, b) = Philox4x32.block(counter: (.max, .max, .max, .max), key: (.max, .max))
        #expect(UInt32(truncatingIfNeeded: a) == 0x408f_276d)
        #expect(UInt32(truncatingIfNeeded: a >> 32) == 0x41c8_3b0e)
        #expect(UInt32(truncatingIfNeeded: b) == 0xa20b_c7c6)
        #expect(UInt32(truncatingIfNeeded: b >> 32) == 0x6d54_51fd)
    }

    @Test func childStreamsAreReproducibleAndDistinct() {
        let root = RandomStream(seed: 42)
        var a = root.child(3, 7)
        var b = RandomStream(seed: 42).child(3, 7)
        var c = root.child(7, 3)
        let xa = (0..<8).map { _ in a.next() }
        let xb = (0..<8).map { _ in b.next() }
        let xc = (0..<8).map { _ in c.next() }
        #expect(xa == xb)
        #expect(xa != xc)
        // Using the parent does not change what a child produces.
        var used = root
        _ = used.next()
        var d = used.child(3, 7)
        #expect((0..<8).map { _ in d.next() } == xa)
    }
}
