import Estimators
import Foundation
import Testing
@testable import RFToolCore

/// Same seed, same bytes: for any thread count, any trial blocking and any
/// sharding followed by `merge`.
@Suite struct SweepDeterminismTests {
    /// A small grid: 2 estimators × 2 projections (iid, orthogonal)
    /// × d ∈ {3, 8} × m ∈ {5, 16, 64}, 12 pairs, 120 trials.
    static func request(out: String, threads: Int, shard: String? = nil) -> VarianceSweepRequest {
        var r = VarianceSweepRequest()
        r.kernel = "gaussian"
        r.estimator = "trig,trig-bare"
        r.projection = "iid,orthogonal"
        r.dim = "3,8"
        r.features = "5,16,64"
        r.pairs = 12
        r.trials = 120
        r.seed = 20240611
        r.threads = threads
        r.shard = shard
        r.out = out
        r.quiet = true
        return r
    }

    static func run(_ r: VarianceSweepRequest) throws -> VarianceSweep.Outcome {
        try VarianceSweep.run(try r.configuration(lookup: TestCatalog.lookup), log: { _ in }, progressMode: .off,
                              stopRequested: { false })
    }

    @Test func sameBytesForOneAndTwoThreads() throws {
        let dir = try temporaryFolder()
        _ = try Self.run(Self.request(out: "\(dir)/one.csv", threads: 1))
        _ = try Self.run(Self.request(out: "\(dir)/two.csv", threads: 2))
        _ = try Self.run(Self.request(out: "\(dir)/five.csv", threads: 5))
        let one = try #require(contents("\(dir)/one.csv"))
        #expect(one.count > 1000)
        #expect(contents("\(dir)/two.csv") == one)
        #expect(contents("\(dir)/five.csv") == one)
        #expect(contents("\(dir)/two.summary.csv") == contents("\(dir)/one.summary.csv"))
        #expect(contents("\(dir)/five.summary.csv") == contents("\(dir)/one.summary.csv"))
    }

    @Test func trialBlockingAndWavesDoNotChangeResults() throws {
        let config = try Self.request(out: "/unused/x.csv", threads: 2).configuration(lookup: TestCatalog.lookup)
        let plan = config.plan
        let reference = try CellRunner(plan: plan, threads: 1).run(plan.cells)
        // Blocks of 7 trials, and waves of one cell at a time.
        let other = try CellRunner(plan: plan, threads: 2, trialsPerUnit: 7, memoryBudgetBytes: 1).run(plan.cells)
        #expect(reference.count == other.count)
        for (a, b) in zip(reference, other) {
            #expect(a.pairs == b.pairs)
        }
    }

    @Test func cellResultsDoNotDependOnTheRestOfThePlan() throws {
        // The m = 16 cells of a grid with m ∈ {5, 16, 64} equal those of a grid with m = 16 alone.
        let full = try Self.request(out: "/unused/x.csv", threads: 2).configuration(lookup: TestCatalog.lookup).plan
        var r = Self.request(out: "/unused/y.csv", threads: 2)
        r.features = "16"
        let alone = try r.configuration(lookup: TestCatalog.lookup).plan
        let a = try CellRunner(plan: full, threads: 2).run(full.cells.filter { $0.features == 16 })
        let b = try CellRunner(plan: alone, threads: 2).run(alone.cells)
        #expect(a.count == b.count && !a.isEmpty)
        for (x, y) in zip(a, b) {
            #expect(x.cell.id == y.cell.id)
            #expect(x.pairs == y.pairs)
        }
    }

    @Test(arguments: [1, 3, 7, 30])
    func shardsMergeToTheUnshardedBytes(shardCount: Int) throws {
        let dir = try temporaryFolder()
        let whole = try Self.run(Self.request(out: "\(dir)/whole.csv", threads: 2))
        var shardFiles: [String] = []
        for i in 0..<shardCount {
            let outcome = try Self.run(Self.request(out: "\(dir)/sweep.csv", threads: 1 + i % 2, shard: "\(i)/\(shardCount)"))
            shardFiles.append(outcome.files.csv)
            // Like a shell glob over NAME.shard-*.csv, list the summaries too.
            shardFiles.append(outcome.files.summaryCSV)
        }
        #expect(shardFiles[0].hasSuffix("sweep.shard-0-of-\(shardCount).csv"))
        let merged = try Merge.run(inputs: shardFiles.reversed(), out: "\(dir)/merged.csv", quiet: true, log: { _ in })
        #expect(merged.cells == whole.results.count)
        #expect(contents("\(dir)/merged.csv") == contents("\(dir)/whole.csv"))
        #expect(contents("\(dir)/merged.summary.csv") == contents("\(dir)/whole.summary.csv"))
    }

    @Test func mergeRefusesIncompleteOrMixedShards() throws {
        let dir = try temporaryFolder()
        for i in 0..<3 { _ = try Self.run(Self.request(out: "\(dir)/a.csv", threads: 1, shard: "\(i)/3")) }
        // A missing shard.
        #expect {
            try Merge.run(inputs: ["\(dir)/a.shard-0-of-3.csv", "\(dir)/a.shard-2-of-3.csv"], out: "\(dir)/m.csv", quiet: true)
        } throws: { ($0 as? RFToolError)?.kind == .data && "\($0)".contains("shard 1/3 is missing") }
        // A shard of another sweep (other seed).
        var other = Self.request(out: "\(dir)/b.csv", threads: 1, shard: "1/3")
        other.seed = 7
        _ = try Self.run(other)
        #expect {
            try Merge.run(inputs: ["\(dir)/a.shard-0-of-3.csv", "\(dir)/b.shard-1-of-3.csv", "\(dir)/a.shard-2-of-3.csv"],
                          out: "\(dir)/m.csv", quiet: true)
        } throws: { ($0 as? RFToolError)?.kind == .data && "\($0)".contains("belongs to another sweep") }
        // Nothing was written by the failed merges.
        #expect(contents("\(dir)/m.csv") == nil)
        #expect(contents("\(dir)/m.summary.csv") == nil)
    }
}
