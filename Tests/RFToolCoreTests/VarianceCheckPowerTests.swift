@testable import Estimators
import RandomFeatures
import Testing
@testable import RFToolCore

/// The variance check's skip rule (`AcceptanceCheck.varianceCheck`): a pair whose
/// relative SE of the variance, from the theoretical fourth moment, exceeds 1/5 is
/// not tested, and the detail line says so; a well-behaved pair still is.
@Suite struct VarianceCheckPowerTests {
    /// gauss-activation/urf, iid, d = 4, m = 64, b = 0.5, 1000 trials (the protocol's T), seed 271828.
    /// Pair 0: x = w on the unit sphere, ‖x+w‖² = 4 (heavy-tailed: kurtosis ~ e^{100}).
    /// Pair 1: x ⟂ w, ‖x‖ = ‖w‖ = 0.3, ‖x+w‖² = 0.18 (well behaved).
    static func results() throws -> [CellResult] {
        let pairs = PairBatch(x: Matrix(rowArrays: [[0.6, 0, 0.8, 0], [0.3, 0, 0, 0]]),
                              y: Matrix(rowArrays: [[0.6, 0, 0.8, 0], [0, 0.3, 0, 0]]))
        let group = SweepGroup(kernels: ["gauss-activation"], estimators: ["urf"], projections: [.iid], dimensions: [4],
                               features: [64], parameters: KernelParameters(bias: 0.5),
                               source: .data(name: "two-pairs", pairs: pairs))
        let plan = try ExperimentPlan(groups: [group], lookup: EstimatorLookup(), trials: 1000, pairs: 2, seed: 271_828)
        return try CellRunner(plan: plan, threads: 2).run(plan.cells)
    }

    @Test func heavyTailedPairIsSkippedAndTheOtherTested() throws {
        let results = try Self.results()
        let pairs = try #require(results.first).pairs
        #expect(pairs.count == 2)
        let heavy = try #require(pairs[0].varianceRatioSETheory), light = try #require(pairs[1].varianceRatioSETheory)
        #expect(heavy > AcceptanceCheck.maximumVarianceRatioSETheory, "pair 0: ρ = \(heavy)")
        #expect(light <= AcceptanceCheck.maximumVarianceRatioSETheory, "pair 1: ρ = \(light)")
        let outcome = AcceptanceCheck.variance.evaluate(results)[0]
        #expect(outcome.status == .pass, "\(outcome.line)")
        #expect(outcome.detail.hasPrefix("1 of 1 (cell, pair) rows"), "\(outcome.line)")
        #expect(outcome.detail.contains("rows skipped: 1 whose relative SE of the variance from the theoretical fourth moment exceeds 1/5"),
                "\(outcome.line)")
    }

    @Test func theRuleSurvivesTheCSV() throws {
        // `merge` checks the CSV: the theory column carries the rule through it.
        let results = try Self.results()
        let text = SweepTable.csv(results, seed: 271_828, trials: 1000)
        let cells = try SweepTable.checkCells(csv: text, name: "t.csv")
        #expect(cells == results.map(CheckCell.init))
        #expect(AcceptanceCheck.variance.evaluate(cells) == AcceptanceCheck.variance.evaluate(results))
        // A file written before the column existed reads without it: nothing to skip by.
        let lines = text.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).dropLast(SweepTable.addedColumns.count).joined(separator: ",")
        }
        let legacy = try SweepTable.checkCells(csv: lines.joined(separator: "\n") + "\n", name: "old.csv")
        #expect(legacy[0].pairs.allSatisfy { $0.varianceRatioSETheory == nil })
    }

    @Test func everyRowSkippedIsASkip() {
        let pair = CheckCell.Pair(exact: 0.5, bias: 0, biasSE: 0.01, mse: 0.1, variance: 0.1, varianceSE: 0.01,
                                  varianceRatio: 0.4, varianceRatioSE: 0.01, z: nil, varianceRatioSETheory: 3)
        let cell = CheckCell(kernel: "k", estimator: "e", projection: .iid, dimension: 4, features: 8, radius: nil,
                             context: "", pairs: [pair])
        let outcome = AcceptanceCheck.variance.evaluate([cell])[0]
        #expect(outcome.status == .skip && outcome.detail.hasPrefix("no row can be tested"), "\(outcome.line)")
    }

    /// The rate check skips a series with a cell the variance check cannot test (ρ > 1/5), and
    /// still tests, and fails, a series whose MSE falls like m^(−1/2).
    @Test func rateCheckSkipsHeavyTailedSeries() {
        func series(_ estimator: String, rho: Double?) -> [CheckCell] {
            [16, 64, 256, 1024].map { m in
                let mse = 1 / Double(m).squareRoot()
                let pair = CheckCell.Pair(exact: 0.5, bias: 0, biasSE: 0.01, mse: mse, variance: mse, varianceSE: 0.01,
                                          varianceRatio: 1, varianceRatioSE: 0.01, z: nil,
                                          varianceRatioSETheory: m == 64 ? rho : 0.05)
                return CheckCell(kernel: "k", estimator: estimator, projection: .iid, dimension: 4, features: m, radius: nil,
                                 context: "", pairs: [pair])
            }
        }
        let heavy = AcceptanceCheck.rate.evaluate(series("heavy", rho: 0.3))[0]
        #expect(heavy.status == .skip && heavy.detail.contains("1 series skipped"), "\(heavy.line)")
        let tested = AcceptanceCheck.rate.evaluate(series("heavy", rho: 0.3)
                                                   + series("light", rho: 0.1))[0]
        #expect(tested.status == .fail && tested.detail.hasPrefix("0 of 1"), "\(tested.line)")
    }
}
