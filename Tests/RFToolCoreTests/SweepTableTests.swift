import Estimators
import Foundation
import Testing
@testable import RFToolCore

/// The CSV contract of issue 4: column names and order, one row per (cell,
/// pair), numbers that read back to the same Double, empty cells for missing values.
@Suite struct SweepTableTests {
    /// The columns the issue names, in its order.
    static let contract = [
        "kernel", "estimator", "projection", "dim", "features", "pair", "radius", "trials", "seed", "exact",
        "mean", "variance", "bias", "mse", "stderr", "rel_mse", "mse_lo", "mse_hi", "variance_theory", "variance_ratio",
    ]

    static func sweep(_ dir: String) throws -> VarianceSweep.Outcome {
        var r = VarianceSweepRequest()
        r.kernel = "gaussian"
        r.estimator = "trig,trig-bare"
        r.dim = "4"
        r.features = "8,32"
        r.pairs = 7
        r.trials = 50
        r.out = "\(dir)/t.csv"
        r.quiet = true
        return try VarianceSweep.run(try r.configuration(lookup: TestCatalog.lookup), log: { _ in }, progressMode: .off)
    }

    @Test func headerAndRows() throws {
        let dir = try temporaryFolder()
        let outcome = try Self.sweep(dir)
        let data = try #require(contents("\(dir)/t.csv"))
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(header.prefix(Self.contract.count)) == Self.contract)
        #expect(header == SweepTable.columns)
        #expect(header.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } })
        let rows = lines.dropFirst().dropLast().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == outcome.results.count * 7)   // 4 cells × 7 pairs
        #expect(rows.allSatisfy { $0.count == header.count })
        let column = { (name: String) in header.firstIndex(of: name)! }
        // Every statistic reads back to the Double that was computed.
        var i = 0
        for result in outcome.results {
            for s in result.pairs {
                let row = rows[i]
                #expect(Double(row[column("mean")]) == s.mean)
                #expect(Double(row[column("mse")]) == s.mse)
                #expect(Double(row[column("variance")]) == s.variance)
                #expect(row[column("estimator")] == result.cell.estimator)
                #expect(Int(row[column("cell")]) == result.cell.index)
                // No theory → empty variance_theory and variance_ratio; the shift-invariant design has no radius.
                if result.cell.estimator == "trig-bare" {
                    #expect(row[column("variance_theory")] == "" && row[column("variance_ratio")] == "")
                } else {
                    #expect(Double(row[column("variance_theory")]) == s.varianceTheory)
                }
                #expect(row[column("radius")] == "")
                #expect(Double(row[column("z")]) == PairSet.shiftInvariantDistance(pair: i % 7))
                i += 1
            }
        }
        let summaryData = try #require(contents("\(dir)/t.summary.csv"))
        let summary = String(decoding: summaryData, as: UTF8.self)
        let summaryLines = summary.split(separator: "\n")
        #expect(summaryLines[0] == SweepTable.summaryColumns.joined(separator: ","))
        #expect(summaryLines.count == 1 + outcome.results.count)
        for name in ["mean_mse", "mean_rel_mse", "mean_abs_bias", "mean_variance_ratio"] {
            #expect(SweepTable.summaryColumns.contains(name))
        }
    }

    @Test func summaryIsTheMeanOverPairs() throws {
        let dir = try temporaryFolder()
        let outcome = try Self.sweep(dir)
        let r = outcome.results[0]
        let s = CellSummary(r)
        let mse = r.pairs.map(\.mse).reduce(0, +) / Double(r.pairs.count)
        let absBias = r.pairs.map { abs($0.bias) }.reduce(0, +) / Double(r.pairs.count)
        #expect(abs(s.meanMSE - mse) <= 1e-15 * mse)
        #expect(abs(s.meanAbsoluteBias - absBias) <= 1e-15 * absBias)
    }

    @Test func sidecarHoldsTheRunFacts() throws {
        let dir = try temporaryFolder()
        _ = try Self.sweep(dir)
        let m = try RunMetadata.read(path: "\(dir)/t.json")
        #expect(m.seed == VarianceSweepRequest.defaultSeed)
        #expect(m.trials == 50 && m.pairs == 7 && m.cellsPlanned == 4 && m.cellsInFile == 4)
        #expect(m.version == RFToolVersion.string)
        #expect(m.threads >= 1 && m.runSeconds >= 0 && m.machine.cores >= 1)
        #expect(m.libraries["gsl"]?.isEmpty == false)
        #expect(m.shard == nil)
    }

    @Test func textFieldsAreQuoted() {
        #expect(CSVFields.split("a,\"b,c\",\"d\"\"e\",") == ["a", "b,c", "d\"e", ""])
    }
}
