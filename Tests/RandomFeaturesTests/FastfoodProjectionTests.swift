import Foundation
import Testing
import _TestSupport
@testable import RandomFeatures

/// Fastfood, (1/√p)·S H G Π H B per block (ALGORITHMS.md §2.4, trap §8.14).
@Suite struct FastfoodProjectionTests {
    func draw(m: Int, d: Int, seed: UInt64 = 0xFF) throws -> FastfoodProjection {
        try ProjectionKind.fastfood.draw(rowCount: m, inputDimension: d, stream: RandomStream(seed: seed))
            as! FastfoodProjection
    }

    /// The dense product diag(s/(‖g‖√p))·H·diag(g)·Π·H·diag(B) from the drawn values, with
    /// Π[i, π(i)] = 1: an oracle that shares no code with `apply` or `dense()`.
    @Test(arguments: [(5, 19), (8, 8), (3, 2)])
    func denseEqualsMatrixProduct(d: Int, m: Int) throws {
        let ff = try draw(m: m, d: d)
        let p = ff.paddedDimension
        let h = denseHadamard(p)
        var expected = Matrix<Double>(rows: m, columns: d)
        for b in 0..<((m + p - 1) / p) {
            let o = b * p
            var pi = Matrix<Double>(rows: p, columns: p), hb = h, gh = h
            for i in 0..<p { pi[i, Int(ff.permutation[o + i])] = 1 }
            for i in 0..<p { for j in 0..<p { hb[i, j] *= ff.signs[o + j]; gh[i, j] *= ff.gaussian[o + j] } }
            let v = gh.multiplied(by: pi).multiplied(by: hb)
            for i in 0..<p where o + i < m {
                for j in 0..<d { expected[o + i, j] = ff.scales[o + i] * v[i, j] }
            }
        }
        #expect(relativeError(ff.dense(), expected) <= 1e-14)
    }

    /// Rows are exactly N(0, I_d): E[w] = 0 and E[w wᵀ] = I within 5 SE (d = 5, p = 8,
    /// m = 19: two full blocks and a truncated one).
    @Test func rowMomentsMatchIdentity() throws {
        let moments = try RowMoments(.fastfood, rows: 19, dimension: 5, draws: 3000, seed: 0xF1)
        #expect(moments.worstZScore() <= 5)
    }

    /// Row norms are χ_d, also after padding (N(0, I_p) restricted to d coordinates).
    @Test(arguments: [5, 8])
    func rowNormsAreChi(d: Int) throws {
        let norms = try independentRowNorms(.fastfood, rows: 8, dimension: d, draws: 4000, seed: 0xF2)
        #expect(kolmogorovSmirnov(norms) { chiCDF($0, degrees: d) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(norms) { chiCDF($0, degrees: d + 2) }.pValue < fiveSigmaPValue)
    }

    @Test func zeroPaddingDoesNotChangeResults() throws {
        let x = normalBatch(rows: 3, columns: 5, seed: 9)
        var padded = Matrix<Double>(rows: 3, columns: 8)
        for r in 0..<3 { for j in 0..<5 { padded[r, j] = x[r, j] } }
        #expect(try draw(m: 13, d: 5).apply(x) == draw(m: 13, d: 8).apply(padded))
    }

    @Test(arguments: [(1, 1), (3, 5), (8, 8), (70, 33), (100, 64), (9, 1000)])
    func applyMatchesDense(m: Int, d: Int) throws {
        expectApplyMatchesDense(try draw(m: m, d: d))
    }

    @Test func sameBytesAtAnyThreadCount() throws {
        expectBatchEqualsRowByRow(try draw(m: 100, d: 64), rows: 300, seed: 11)
    }
}
