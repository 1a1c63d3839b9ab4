import Foundation
import Testing
import _TestSupport
@testable import RandomFeatures

/// SORF, √p·Ĥ D₁ Ĥ D₂ Ĥ D₃ per block (ALGORITHMS.md §2.3, traps §8.8, §8.9, §8.14).
@Suite struct StructuredOrthogonalProjectionTests {
    func draw(m: Int, d: Int, k: Int = 3, norms: ProjectionOptions.RowNorms? = nil,
              seed: UInt64 = 0x50F) throws -> StructuredOrthogonalProjection {
        try ProjectionKind.sorf.draw(rowCount: m, inputDimension: d,
                                     options: ProjectionOptions(rowNorms: norms, hadamardBlocks: k),
                                     stream: RandomStream(seed: seed)) as! StructuredOrthogonalProjection
    }

    /// The dense Sylvester product p^{(1−k)/2}·H D₁ H ⋯ H D_k, block by block, from the drawn
    /// signs: an oracle that shares no code with `apply` or `dense()`.
    @Test(arguments: [(5, 19, 3), (8, 8, 1), (3, 6, 2), (16, 16, 3)])
    func denseEqualsSylvesterProduct(d: Int, m: Int, k: Int) throws {
        let sorf = try draw(m: m, d: d, k: k)
        let p = sorf.paddedDimension
        let h = denseHadamard(p)
        let scale = pow(Double(p), Double(1 - k) / 2)
        var expected = Matrix<Double>(rows: m, columns: d)
        for b in 0..<((m + p - 1) / p) {
            var product = Matrix<Double>(rows: p, columns: p)
            for i in 0..<p { product[i, i] = 1 }
            for level in 0..<k {
                var hd = h
                for i in 0..<p { for j in 0..<p { hd[i, j] *= sorf.signs[(b * k + level) * p + j] } }
                product = product.multiplied(by: hd)
            }
            for i in 0..<p where b * p + i < m {
                for j in 0..<d { expected[b * p + i, j] = scale * product[i, j] }
            }
        }
        #expect(relativeError(sorf.dense(), expected) <= 1e-14)
    }

    /// §8.8: E[w] = 0 and E[w wᵀ] = I on the first d coordinates at d = 5 (p = 8), within 5 SE.
    /// Scaling by √d instead of √p would give E[w wᵀ] = (5/8)·I: rejected by the same data.
    @Test(arguments: [1, 2, 3])
    func secondMomentIsIdentityAfterPadding(k: Int) throws {
        let moments = try RowMoments(.sorf, options: ProjectionOptions(hadamardBlocks: k),
                                     rows: 19, dimension: 5, draws: 3000, seed: 0x5A)
        #expect(moments.worstZScore() <= 5)
        #expect(moments.worstZScore(secondMomentScale: 5.0 / 8.0) > 100)
    }

    @Test func chiNormsKeepIdentitySecondMoment() throws {
        let moments = try RowMoments(.sorf, options: ProjectionOptions(rowNorms: .chi),
                                     rows: 11, dimension: 5, draws: 3000, seed: 0x5B)
        #expect(moments.worstZScore() <= 5)
    }

    /// Fixed norms: every row of an unpadded block has norm √p. Chi norms: KS against χ_p.
    @Test func rowNorms() throws {
        let w = try draw(m: 20, d: 8).dense()
        for i in 0..<w.rows {
            #expect(abs(w.row(i).reduce(0) { $0 + $1 * $1 }.squareRoot() - 8.0.squareRoot()) <= 1e-12)
        }
        let norms = try independentRowNorms(.sorf, options: ProjectionOptions(rowNorms: .chi),
                                            rows: 8, dimension: 8, draws: 4000, seed: 0x5C)
        #expect(kolmogorovSmirnov(norms) { chiCDF($0, degrees: 8) }.pValue > fiveSigmaPValue)
    }

    /// §8.9: with one HD block, δ = e₁ maps every row to ±1, so the RFF estimate
    /// (1/m)Σ cos(wᵢ·δ) is cos 1 = 0.5403 for every draw; with k = 3 it varies between draws,
    /// and its mean is more than 5 SE away from cos 1.
    @Test func oneHadamardBlockIsDeterministicOnSparseInputs() throws {
        let d = 8, m = 16, draws = 400
        var delta = Matrix<Double>(rows: 1, columns: d)
        delta[0, 0] = 1
        func estimates(k: Int) throws -> [Double] {
            try (0..<draws).map { t in
                let z = try draw(m: m, d: d, k: k, seed: 0x5D00 + UInt64(t)).apply(delta)
                return z.storage.reduce(0) { $0 + cos($1) } / Double(m)
            }
        }
        for e in try estimates(k: 1) { #expect(abs(e - cos(1.0)) <= 1e-15) }
        let three = try estimates(k: 3)
        let mean = three.reduce(0, +) / Double(draws)
        let variance = three.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws - 1)
        let standardError = (variance / Double(draws)).squareRoot()
        #expect(variance > 1e-4)
        #expect(abs(mean - cos(1.0)) > 5 * standardError)
    }

    /// §8.14: zero padding does not change results. d = 5 and d = 8 draw the same signs from
    /// the same stream (p = 8 both), so x and [x; 0; 0; 0] give the same bytes.
    @Test func zeroPaddingDoesNotChangeResults() throws {
        let x = normalBatch(rows: 3, columns: 5, seed: 9)
        var padded = Matrix<Double>(rows: 3, columns: 8)
        for r in 0..<3 { for j in 0..<5 { padded[r, j] = x[r, j] } }
        #expect(try draw(m: 13, d: 5).apply(x) == draw(m: 13, d: 8).apply(padded))
    }

    @Test(arguments: [(1, 1, 3), (3, 5, 3), (8, 8, 3), (19, 5, 1), (70, 33, 3), (100, 64, 2), (9, 1000, 3)])
    func applyMatchesDense(m: Int, d: Int, k: Int) throws {
        expectApplyMatchesDense(try draw(m: m, d: d, k: k))
        expectApplyMatchesDense(try draw(m: m, d: d, k: k, norms: .chi))
    }

    /// Rows shared between threads give the bytes of a serial row-by-row run.
    @Test func sameBytesAtAnyThreadCount() throws {
        expectBatchEqualsRowByRow(try draw(m: 100, d: 64), rows: 300, seed: 10)
    }
}
