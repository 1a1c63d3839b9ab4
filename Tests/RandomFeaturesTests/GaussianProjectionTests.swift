import Testing
import _TestSupport
@testable import RandomFeatures

/// iid projection (ALGORITHMS.md §2.1): rows exactly N(0, I_d).
@Suite struct GaussianProjectionTests {
    @Test func rowMomentsMatchIdentity() throws {
        let moments = try RowMoments(.iid, rows: 10, dimension: 6, draws: 3000, seed: 0x11D)
        #expect(moments.worstZScore() <= 5)
    }

    /// Row norms are χ_d (KS against GSL's χ² CDF); χ_{d+1} is rejected at the same seed.
    @Test func rowNormsAreChi() throws {
        let norms = try independentRowNorms(.iid, rows: 3, dimension: 6, draws: 4000, seed: 0x11E)
        #expect(kolmogorovSmirnov(norms) { chiCDF($0, degrees: 6) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(norms) { chiCDF($0, degrees: 7) }.pValue < fiveSigmaPValue)
    }

    @Test(arguments: [(1, 1), (5, 3), (40, 17)])
    func applyMatchesDense(m: Int, d: Int) throws {
        expectApplyMatchesDense(try ProjectionKind.iid.draw(rowCount: m, inputDimension: d, stream: RandomStream(seed: 3)))
    }
}
