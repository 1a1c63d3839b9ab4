import Testing
@testable import Estimators

/// `CellStatistics` against values computed by hand.
@Suite struct CellStatisticsTests {
    @Test func handComputedSample() throws {
        // e = (0, 0, 0, 4), exact k = 0.5, theory 2.
        let s = CellStatistics(estimates: [0, 0, 0, 4], exact: 0.5, varianceTheory: 2)
        #expect(s.count == 4)
        #expect(s.mean == 1)
        #expect(s.variance == 4)                                 // (1 + 1 + 1 + 9)/3
        #expect(s.bias == 0.5)
        #expect(s.biasSE == 1)                                   // 2/√4
        #expect(s.mse == 3.25)                                   // (0.25·3 + 12.25)/4
        // Squared errors (0.25, 0.25, 0.25, 12.25): sd = √((9·3 + 81)/3) = 6, SE = 6/2 = 3.
        #expect(abs(s.mseSE - 3) < 1e-15)
        #expect(s.mseLow == 0)                                   // 3.25 − 1.96·3 < 0, clamped
        #expect(abs(s.mseHigh - (3.25 + 1.959963984540054 * 3)) < 1e-12)
        #expect(abs(try #require(s.relativeMSE) - 13) < 1e-15)   // 3.25/0.25
        #expect(abs(try #require(s.relativeRMSE) - 3.25.squareRoot() / 0.5) < 1e-15)
        #expect(abs(try #require(s.meanAbsoluteRelativeError) - 2.5) < 1e-15)   // ((0.5·3 + 3.5)/4)/0.5
        #expect(abs(s.fourthCentralMoment - 21) < 1e-12)         // (1 + 1 + 1 + 81)/4
        #expect(abs(s.varianceSE - (5.0 / 4).squareRoot()) < 1e-12)  // √((21 − 16)/4)
        #expect(s.varianceTheory == 2)
        #expect(s.varianceRatio == 2)
        #expect(abs(try #require(s.varianceRatioSE) - (5.0 / 4).squareRoot() / 2) < 1e-12)
    }

    @Test func missingValues() {
        // exact = 0: no relative errors; no theory: no ratio; constant sample: zero spread.
        let s = CellStatistics(estimates: [0, 0, 0], exact: 0, varianceTheory: nil)
        #expect(s.relativeMSE == nil && s.relativeRMSE == nil && s.meanAbsoluteRelativeError == nil)
        #expect(s.varianceRatio == nil && s.varianceRatioSE == nil)
        #expect(s.variance == 0 && s.fourthCentralMoment == 0 && s.varianceSE == 0 && s.mse == 0)
    }

    @Test func linearFitRecoversALine() throws {
        let fit = try #require(LinearFit(x: [1, 2, 3, 4], y: [1, -1, -3, -5]))
        #expect(abs(fit.slope + 2) < 1e-14 && abs(fit.intercept - 3) < 1e-14)
        #expect(LinearFit(x: [1, 1], y: [0, 1]) == nil)
    }
}
