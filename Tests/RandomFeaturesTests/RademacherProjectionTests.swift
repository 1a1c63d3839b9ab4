import Testing
import _TestSupport
@testable import RandomFeatures

/// iid ±1 entries (ALGORITHMS.md §2.6).
@Suite struct RademacherProjectionTests {
    /// Entries are ±1 and fair: chi-square test of the sign counts, per bit position within
    /// a 64-bit draw (a bias in any bit of the generator shows here).
    @Test func entriesAreFairSigns() throws {
        let w = try ProjectionKind.rademacher.draw(rowCount: 1000, inputDimension: 64, stream: RandomStream(seed: 0xAD)).dense()
        #expect(w.storage.allSatisfy { $0 == 1 || $0 == -1 })
        var negatives = [Int](repeating: 0, count: 64)
        for (i, v) in w.storage.enumerated() where v < 0 { negatives[i % 64] += 1 }
        for bit in 0..<64 {
            let test = chiSquareTest(observed: [negatives[bit], 1000 - negatives[bit]], expected: [500, 500])
            #expect(test.pValue > fiveSigmaPValue / 64)
        }
    }

    /// E[w] = 0 and E[w wᵀ] = I within 5 SE (the diagonal is exactly 1).
    @Test func rowMomentsMatchIdentity() throws {
        let moments = try RowMoments(.rademacher, rows: 9, dimension: 6, draws: 3000, seed: 0xAE)
        #expect(moments.worstZScore() <= 5)
    }

    @Test(arguments: [(1, 1), (7, 3), (40, 65)])
    func applyMatchesDense(m: Int, d: Int) throws {
        expectApplyMatchesDense(try ProjectionKind.rademacher.draw(rowCount: m, inputDimension: d, stream: RandomStream(seed: 5)))
    }
}
