import CBLAS
import RandomFeatures

/// Runs the Gram mode of a sweep (`variance-sweep --gram`): for every cell and
/// trial, the relative Frobenius error of the approximate cross-Gram matrix
/// of two point sets A and B (n × d each):
///
///     Φ_A = φ(A) (x side),  Φ_B = ψ(B) (y side),   K̂ = Φ_A Φ_Bᵀ   (one GEMM)
///     e_t = ‖K − K̂‖_F / ‖K‖_F,   K_ij = k(a_i, b_j) exact
///
/// (the quffka protocol, ALGORITHMS.md §7.2, "Gram-matrix preset"). A and B are
/// the x rows and the y rows of the cell's pair set, so they are fixed by the
/// seed (or the data file) and shared by every cell and trial; each trial draws
/// a fresh feature map from `Cell.trialStream`. Works for every estimator with
/// a feature-map form (`FeatureMapEstimator`); the plan's others are refused
/// before the run.
///
/// Determinism: trial t's error depends only on (seed, cell id, t) and the
/// points, and is written to its own slot: the numbers do not depend on the
/// thread count. OpenBLAS runs single-threaded (the cores run trials).
public struct GramCellRunner: Sendable {
    public let plan: ExperimentPlan
    public var threads: Int

    public init(plan: ExperimentPlan, threads: Int) {
        precondition(threads >= 1)
        self.plan = plan
        self.threads = threads
    }

    /// The estimator of a cell as a feature map, or a one-line reason why it has none.
    public static func featureMap(of cell: Cell) throws -> any FeatureMapEstimator {
        guard let map = cell.estimatorInstance as? any FeatureMapEstimator else {
            throw EstimatorError("\(cell.kernel)/\(cell.estimator) has no feature-map form, so it has no Gram matrix")
        }
        return map
    }

    public func run(_ cells: [Cell], progress: RunProgress? = nil,
                    shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> [GramCellResult] {
        openblas_set_num_threads(1)
        AllocatorTuning.applyOnce()
        let t = plan.trials
        let maps = try cells.map { try Self.featureMap(of: $0) }
        // Exact Gram matrices: one per (kernel, estimator, parameters, point set), computed in parallel.
        let keys = cells.map { "\($0.kernel)/\($0.estimator)/\($0.parameters)/\($0.pairSetIndex)" }
        var firstCellOfKey: [String: Int] = [:]
        for (c, key) in keys.enumerated() where firstCellOfKey[key] == nil { firstCellOfKey[key] = c }
        let exactOwners = firstCellOfKey.values.sorted()
        let pairSets = plan.pairSets
        let exactGrams = Locked([Int: ExactGram]())
        try ParallelLoop.run(count: exactOwners.count, threads: threads, shouldStop: shouldStop) { i in
            let c = exactOwners[i]
            let points = pairSets[cells[c].pairSetIndex].pairs
            let gram = try ExactGram(estimator: cells[c].estimatorInstance, a: points.x, b: points.y)
            exactGrams.withLock { $0[c] = gram }
        }
        let exact = exactGrams.withLock { $0 }
        let exactOfCell = cells.indices.map { exact[firstCellOfKey[keys[$0]]!]! }

        let store = TrialStore(count: cells.count * t)
        let roots = cells.map { Cell.trialRoot(seed: plan.seed, id: $0.id) }
        let remaining = Locked(cells.map { _ in t })
        try ParallelLoop.run(count: cells.count * t, threads: threads, shouldStop: shouldStop) { u in
            let c = u / t, trial = u % t
            let cell = cells[c]
            let points = pairSets[cell.pairSetIndex].pairs
            let error: Double
            do {
                let map = try maps[c].featureMap(inputDimension: points.dimension, features: cell.features,
                                                 projection: cell.projection, stream: roots[c].child(UInt64(trial)))
                let fa = try map.transform(points.x, side: .x)
                let fb = try map.transform(points.y, side: .y)
                error = exactOfCell[c].relativeError(fa.multipliedByTranspose(of: fb))
            } catch {
                throw CellRunError.estimatorFailed(cell: cell.id, trial: trial, message: "\(error)")
            }
            store.write([error], at: u)
            progress?.addTrials(1)
            let finished = remaining.withLock { counts in
                counts[c] -= 1
                return counts[c] == 0
            }
            if finished { progress?.addCell() }
        }
        return cells.indices.map { c in
            GramCellResult(cell: cells[c], points: pairSets[cells[c].pairSetIndex].count,
                           exactNorm: exactOfCell[c].norm, errors: store.gather(from: c * t, stride: 1, count: t))
        }
    }
}
