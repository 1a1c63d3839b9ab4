import Estimators
import RandomFeatures

/// What `rftool estimate` does: T independent estimates of the kernel at one pair,
/// each drawing all of its randomness afresh, and their statistics.
///
/// The run is a one-cell experiment: `ExperimentPlan` fixes the cell (its exact value
/// and variance theory), `CellRunner` runs the trials — trial t draws from
/// `RandomStream(seed).child("trials", hash(cell id), t)` — and `CellStatistics`
/// (GSL) summarises them. So the numbers depend on the seed only, never on the
/// thread count, and equal those of the same cell in a variance sweep.
public enum EstimateRunner {
    public static func run(_ config: EstimateConfiguration) throws -> EstimateReport {
        let pairs = PairBatch(x: Matrix(rowArrays: [config.x]), y: Matrix(rowArrays: [config.y]))
        let group = SweepGroup(
            kernels: [config.kernel], estimators: [config.estimator], projections: [config.projection],
            dimensions: [config.dimension], features: [config.features], parameters: config.parameters,
            source: .data(name: config.pairLabel, pairs: pairs))
        let plan: ExperimentPlan
        do {
            plan = try ExperimentPlan(groups: [group], lookup: EstimatorLookup(), trials: config.trials, pairs: 1, seed: config.seed)
        } catch let error as ExperimentPlanError {
            throw RFToolError.usage(error.description)
        }
        guard plan.cells.count == 1 else {
            let reason = plan.notes.first.map { $0.replacingOccurrences(of: "skipping ", with: "cannot run ") } ?? "nothing to run"
            throw RFToolError.usage("--projection: \(reason)")
        }
        let results: [CellResult]
        do {
            results = try CellRunner(plan: plan, threads: config.threads).run(plan.cells)
        } catch {
            throw RFToolError.data("--x/--y: \(error)")
        }
        return EstimateReport(configuration: config, statistics: results[0].pairs[0])
    }
}
