@testable import Estimators
import Foundation
import RandomFeatures
import Testing
@testable import RFToolCore

/// The statistics end to end: the sweep run on the reference sin/cos RFF
/// estimator (Var = (1 − K²)²/(2m)) passes the §7.1 checks, and deliberately
/// wrong estimators fail them.
@Suite struct AcceptanceCheckTests {
    /// gaussian/trig, iid, d = 4, m = 8…512, 10 pairs at z ∈ {0.5, 1, 1.5, 2, 3}, 2000 trials, seed 314159.
    static func results(_ lookup: EstimatorLookup) throws -> [CellResult] {
        let group = SweepGroup(kernels: ["gaussian"], estimators: ["trig"], projections: [.iid],
                               dimensions: [4], features: [8, 32, 128, 512])
        let plan = try ExperimentPlan(groups: [group], lookup: lookup, trials: 2000, pairs: 10, seed: 314_159)
        return try CellRunner(plan: plan, threads: 2).run(plan.cells)
    }

    static func status(_ check: AcceptanceCheck, _ results: [CellResult]) -> AcceptanceOutcome {
        check.evaluate(results)[0]
    }

    @Test func referenceEstimatorPasses() throws {
        let results = try Self.results(TestCatalog.lookup)
        for check in [AcceptanceCheck.bias, .variance, .rate] {
            let outcome = Self.status(check, results)
            #expect(outcome.status == .pass, "\(outcome.line)")
        }
        #expect(Self.status(.bias, results).detail.hasPrefix("40 of 40"))
        // No orthogonal cells, no d = m = 64 cells: these checks say they have nothing to test.
        #expect(Self.status(.orthogonalVsIID, results).status == .skip)
        #expect(Self.status(.orfReference, results).status == .skip)
    }

    @Test func biasedEstimatorFailsTheBiasCheck() throws {
        // Estimates × 1.02: at m = 512 the bias 0.02·K is tens of standard errors.
        let outcome = Self.status(.bias, try Self.results(TestCatalog.scaled(1.02)))
        #expect(outcome.status == .fail, "\(outcome.line)")
    }

    @Test func wrongVarianceFailsTheVarianceCheck() throws {
        // Estimates × 1.3: variance × 1.69 against the unscaled theory.
        let outcome = Self.status(.variance, try Self.results(TestCatalog.scaled(1.3)))
        #expect(outcome.status == .fail, "\(outcome.line)")
    }

    @Test func meanMatchesExactWithinFiveStandardErrors() throws {
        // The same statement as the bias check, asserted pair by pair with the
        // standard error (1 − K²)/√(2mT) of the theory rather than the sample's.
        for r in try Self.results(TestCatalog.lookup) {
            for s in r.pairs {
                let se = (1 - s.exact * s.exact) / (2.0 * Double(r.cell.features) * 2000).squareRoot()
                #expect(abs(s.mean - s.exact) <= 5 * se, "\(r.cell.id): mean \(s.mean), exact \(s.exact)")
            }
        }
    }

    @Test func checksReadBackFromTheCSVGiveTheSameOutcomes() throws {
        // What `merge` does for a sharded preset: the checks on the CSV equal those on the results.
        let results = try Self.results(TestCatalog.lookup)
        let text = SweepTable.csv(results, seed: 314_159, trials: 2000)
        let fromCSV = try SweepTable.checkCells(csv: text, name: "t.csv")
        #expect(fromCSV == results.map(CheckCell.init))
        for check in AcceptanceCheck.allCases {
            #expect(check.evaluate(fromCSV) == check.evaluate(results))
        }
    }

    @Test func shiftInvariantPairsHaveTheirDesignDistance() throws {
        let stream = RandomStream(seed: 5)
        for sigma in [1.0, 2.5] {
            let set = PairSet.draw(design: .shiftInvariant(sigma: sigma), dimension: 7, count: 10, stream: stream)
            for p in 0..<10 {
                let z = PairSet.euclideanDistance(set.pairs.x.row(p), set.pairs.y.row(p)) / sigma
                #expect(abs(z - PairSet.shiftInvariantDistance(pair: p)) < 1e-12)
            }
        }
        let sphere = PairSet.draw(design: .sphere(radius: 0.5), dimension: 5, count: 4, stream: stream)
        for p in 0..<4 {
            #expect(abs(PairSet.euclideanDistance(sphere.pairs.x.row(p), Array(repeating: 0, count: 5)) - 0.5) < 1e-14)
        }
    }
}
