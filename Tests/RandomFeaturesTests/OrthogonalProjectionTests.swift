import Testing
import _TestSupport
@testable import RandomFeatures

/// ORF blocks (ALGORITHMS.md §2.2, traps §8.7 and §8.14).
@Suite struct OrthogonalProjectionTests {
    /// Within every block (the last one truncated: m = 40, d = 16 gives 16 + 16 + 8 rows) the
    /// rows, divided by their norms, are orthonormal to 1e-12 in Double.
    @Test(arguments: [ProjectionOptions.RowNorms.chi, .fixed])
    func blocksAreOrthogonal(norms: ProjectionOptions.RowNorms) throws {
        let d = 16, m = 40
        let w = try ProjectionKind.orthogonal.draw(rowCount: m, inputDimension: d,
                                                   options: ProjectionOptions(rowNorms: norms),
                                                   stream: RandomStream(seed: 0x0B)).dense()
        #expect(w.rows == m)
        let unit = (0..<m).map { i -> [Double] in
            let r = w.row(i)
            let norm = r.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return r.map { $0 / norm }
        }
        var worst = 0.0
        for block in 0..<3 {
            let rows = (block * d)..<min(m, (block + 1) * d)
            for i in rows {
                for j in rows {
                    let dot = zip(unit[i], unit[j]).reduce(0) { $0 + $1.0 * $1.1 }
                    worst = max(worst, abs(dot - (i == j ? 1 : 0)))
                }
            }
        }
        #expect(worst <= 1e-12)
        // Rows of different blocks are independent, so not orthogonal.
        let across = zip(unit[0], unit[d]).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(across) > 1e-6)
    }

    /// E[w] = 0 and E[w wᵀ] = I within 5 SE, for both norm options (E r² = d either way).
    @Test(arguments: [ProjectionOptions.RowNorms.chi, .fixed])
    func rowMomentsMatchIdentity(norms: ProjectionOptions.RowNorms) throws {
        let moments = try RowMoments(.orthogonal, options: ProjectionOptions(rowNorms: norms),
                                     rows: 15, dimension: 6, draws: 3000, seed: 0x0C)
        #expect(moments.worstZScore() <= 5)
    }

    /// Chi norms: KS against χ_d passes; against χ_{d+4} (the norms of the QR-on-columns
    /// trap, §8.7, would follow a χ of another dimension) it fails at the same seed.
    @Test func chiRowNormsPassKS() throws {
        let d = 6
        let norms = try independentRowNorms(.orthogonal, rows: 9, dimension: d, draws: 4000, seed: 0x0D)
        #expect(kolmogorovSmirnov(norms) { chiCDF($0, degrees: d) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(norms) { chiCDF($0, degrees: d + 4) }.pValue < fiveSigmaPValue)
    }

    @Test func fixedRowNormsAreRootD() throws {
        let d = 7
        let w = try ProjectionKind.orthogonal.draw(rowCount: 20, inputDimension: d,
                                                   options: ProjectionOptions(rowNorms: .fixed),
                                                   stream: RandomStream(seed: 0x0E)).dense()
        for i in 0..<w.rows {
            let norm = w.row(i).reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - Double(d).squareRoot()) <= 1e-12)
        }
    }

    @Test(arguments: [(1, 1), (3, 8), (21, 8), (10, 13)])
    func applyMatchesDense(m: Int, d: Int) throws {
        expectApplyMatchesDense(try ProjectionKind.orthogonal.draw(rowCount: m, inputDimension: d, stream: RandomStream(seed: 4)))
    }
}
