@testable import Estimators
import Foundation
import RandomFeatures
import Testing
@testable import RFToolCore

/// `FeatureDesign.nested` (the sweep's default) on the real catalogue's gaussian/trig, whose
/// trials compute every feature count of a group from one draw
/// (`RandomFourierEstimator.estimate(pairs:nestedFeatures:…)`).
@Suite struct NestedFeatureDesignTests {
    /// One nested trial equals, count by count, the stand-alone estimates drawn from the same
    /// stream: the m-feature projection is the leading m rows of the largest (up to rounding:
    /// other GEMM shapes, other summation segments).
    @Test(arguments: [ProjectionKind.iid, .orthogonal, .sorf])
    func nestedTrialEqualsStandAloneEstimates(projection: ProjectionKind) throws {
        let estimator = try EstimatorCatalog.entry(kernel: "gaussian", estimator: "trig").make(KernelParameters())
        var g = RandomStream(seed: 5)
        let x = Matrix<Double>(rows: 6, columns: 8, storage: (0..<48).map { _ in Sampling.normal(using: &g) * 0.3 })
        let y = Matrix<Double>(rows: 6, columns: 8, storage: (0..<48).map { _ in Sampling.normal(using: &g) * 0.3 })
        let pairs = PairBatch(x: x, y: y)
        let counts = [4, 8, 20, 64]
        let stream = RandomStream(seed: 6).child(3)
        let nested = try estimator.estimate(pairs: pairs, nestedFeatures: counts, projection: projection, stream: stream)
        #expect(nested.count == counts.count)
        for (i, m) in counts.enumerated() {
            let alone = try estimator.estimate(pairs: pairs, features: m, projection: projection, stream: stream)
            for p in 0..<pairs.count { #expect(abs(nested[i][p] - alone[p]) <= 1e-12) }
        }
    }

    /// The statistics of every cell are those of independent m-feature estimators: the real
    /// gaussian/trig under the nested design passes the bias, variance and rate checks.
    @Test func nestedCellsPassTheChecks() throws {
        let group = SweepGroup(kernels: ["gaussian"], estimators: ["trig"], projections: [.iid],
                               dimensions: [4], features: [8, 32, 128, 512])
        let plan = try ExperimentPlan(groups: [group], lookup: EstimatorLookup(), trials: 2000, pairs: 10, seed: 314_159,
                                      featureDesign: .nested)
        #expect(plan.groups.count == 1 && plan.groups[0].count == 4)
        let results = try CellRunner(plan: plan, threads: 2).run(plan.cells)
        for check in [AcceptanceCheck.bias, .variance, .rate] {
            let outcome = check.evaluate(results)[0]
            #expect(outcome.status == .pass, "\(outcome.line)")
        }
    }

    /// Sharding under the nested design: each shard computes whole groups, so the merged files
    /// are the unsharded bytes even when a group's counts land in different shards.
    @Test func nestedShardsMergeToTheUnshardedBytes() throws {
        let dir = try temporaryFolder()
        func request(out: String, shard: String?) -> VarianceSweepRequest {
            var r = VarianceSweepRequest()
            r.kernel = "gaussian"
            r.estimator = "trig"
            r.projection = "iid,orthogonal"
            r.dim = "6"
            r.features = "4,12,32"
            r.pairs = 5
            r.trials = 40
            r.seed = 99
            r.threads = 2
            r.shard = shard
            r.out = out
            r.quiet = true
            return r
        }
        func run(_ r: VarianceSweepRequest) throws -> VarianceSweep.Outcome {
            try VarianceSweep.run(try r.configuration(lookup: EstimatorLookup()), log: { _ in }, progressMode: .off,
                                  stopRequested: { false })
        }
        let whole = try run(request(out: "\(dir)/whole.csv", shard: nil))
        #expect(whole.results.count == 6)
        var files: [String] = []
        for i in 0..<4 {
            let outcome = try run(request(out: "\(dir)/s.csv", shard: "\(i)/4"))
            files += [outcome.files.csv, outcome.files.summaryCSV]
        }
        _ = try Merge.run(inputs: files, out: "\(dir)/merged.csv", quiet: true, log: { _ in })
        #expect(contents("\(dir)/merged.csv") == contents("\(dir)/whole.csv"))
        let independent = try { var r = request(out: "\(dir)/independent.csv", shard: nil); r.independentFeatures = true; return try run(r) }()
        #expect(independent.results.count == 6)
        #expect(contents("\(dir)/independent.csv") != contents("\(dir)/whole.csv"))
        let sidecar = try String(contentsOfFile: "\(dir)/whole.json", encoding: .utf8)
        #expect(sidecar.contains("\"feature_design\" : \"nested\""))
    }
}
