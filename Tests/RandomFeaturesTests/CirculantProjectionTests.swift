import Dispatch
import Testing
import CGSL
import _TestSupport
@testable import RandomFeatures

/// Signed circulant blocks applied with FFTW (ALGORITHMS.md §2.5, traps §8.14, §8.15).
@Suite struct CirculantProjectionTests {
    func draw(m: Int, d: Int, entries: ProjectionOptions.EntryDistribution = .gaussian,
              seed: UInt64 = 0xC1) throws -> CirculantProjection {
        try ProjectionKind.circulant.draw(rowCount: m, inputDimension: d, options: ProjectionOptions(entries: entries),
                                          stream: RandomStream(seed: seed)) as! CirculantProjection
    }

    /// Every row is a signed cyclic shift of its block's generator: row i of block b is
    /// s_{b,i}·(g_{b,i}, g_{b,i−1}, …), so each row has the generator's norm.
    @Test func rowsAreSignedShifts() throws {
        let d = 6, m = 15
        let c = try draw(m: m, d: d)
        let w = c.dense()
        for row in 0..<m {
            let b = row / d, i = row % d
            let s = c.signs[b * d + i]
            #expect(abs(s) == 1)
            for j in 0..<d { #expect(w[row, j] == s * c.generators[b * d + ((i - j) % d + d) % d]) }
        }
    }

    @Test func rowMomentsMatchIdentity() throws {
        let moments = try RowMoments(.circulant, rows: 15, dimension: 6, draws: 3000, seed: 0xC2)
        #expect(moments.worstZScore() <= 5)
    }

    @Test func rowNormsAreChi() throws {
        let norms = try independentRowNorms(.circulant, rows: 6, dimension: 6, draws: 4000, seed: 0xC3)
        #expect(kolmogorovSmirnov(norms) { chiCDF($0, degrees: 6) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(norms) { chiCDF($0, degrees: 8) }.pValue < fiveSigmaPValue)
    }

    /// With Cauchy entries (Laplace-kernel features, §2.5) every entry is standard Cauchy.
    @Test func cauchyEntriesAreCauchy() throws {
        let entries = try (0..<4000).map { t in
            try draw(m: 3, d: 5, entries: .cauchy, seed: 0xC400 + UInt64(t)).dense()[t % 3, t % 5]
        }
        #expect(kolmogorovSmirnov(entries) { gsl_cdf_cauchy_P($0, 1) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(entries) { gsl_cdf_ugaussian_P($0) }.pValue < fiveSigmaPValue)
    }

    /// FFTW route against the definition W[b·d+i, j] = s_{b,i} g_b[(i−j) mod d], for odd,
    /// even, prime and power-of-two d, one block, several and a truncated one.
    @Test(arguments: [(1, 1), (4, 1), (3, 5), (6, 6), (15, 6), (40, 13), (100, 64), (5, 1000)])
    func applyMatchesDense(m: Int, d: Int) throws {
        expectApplyMatchesDense(try draw(m: m, d: d))
        expectApplyMatchesDense(try draw(m: m, d: d, entries: .laplace))
    }

    /// §8.15: rows shared between threads (each with its own plan) give the bytes of a serial
    /// row-by-row run on one plan.
    @Test func batchEqualsRowByRow() throws {
        expectBatchEqualsRowByRow(try draw(m: 200, d: 100), rows: 300, seed: 12)
    }

    /// §8.15: concurrent callers of one projection (each borrowing or planning its own FFTW
    /// workspace) get the bytes a serial call gets.
    @Test func concurrentCallsEqualSerial() throws {
        let c = try draw(m: 50, d: 40)
        let x = normalBatch(rows: 20, columns: 40, seed: 13)
        let xf = x.converted(to: Float.self)
        let serial = c.apply(x), serialFloat = c.apply(xf)
        let callers = 8
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: callers)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: callers) { i in
            var same = true
            for _ in 0..<20 { same = same && c.apply(x) == serial && c.apply(xf) == serialFloat }
            slots[i] = same
        }
        #expect(results.allSatisfy { $0 })
    }
}
