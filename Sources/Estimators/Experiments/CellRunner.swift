import CBLAS
import Dispatch
import RandomFeatures
import Synchronization

/// Runs the trials of a list of cells on several threads and computes their
/// statistics.
///
/// The unit of work is (group of cells, block of consecutive trials), a group being
/// the cells that share each trial's draw (`ExperimentPlan.groups`: one cell under
/// `FeatureDesign.independent`, all the feature counts of a grid point under `.nested`).
/// Workers take units from a shared counter, so the cores stay busy whatever the cells
/// cost; each trial draws from its own stream (the group's, or the cell's
/// `Cell.trialStream`) and writes each cell's P estimates to that cell's own slot. Statistics are computed only once every trial of
/// a cell is stored, from the slots in trial order. Which thread ran which
/// unit therefore never shows in the numbers: the results are bit-identical for
/// any thread count, block size and sharding.
///
/// Memory: the estimates of a cell take T·P doubles. Whole groups run in waves whose
/// estimates fit `memoryBudgetBytes`; a wave's estimates are freed once its
/// statistics are computed.
///
/// Speed: one trial is one call of `estimate(pairs:…)` on the whole pair batch
/// (one GEMM per trial in the estimators; under `.nested` one call for the whole group,
/// `estimate(pairs:nestedFeatures:…)`), and the runner adds one copy of P doubles per
/// trial and cell. OpenBLAS is set to one thread, since the cores are
/// already busy with cells (STYLE.md §1, OpenBLAS).
public struct CellRunner: Sendable {
    public let plan: ExperimentPlan
    /// Worker threads (≥ 1).
    public var threads: Int
    /// Trials per unit of work; affects only scheduling, never results.
    public var trialsPerUnit: Int
    /// Upper bound on the bytes of estimates held at once.
    public var memoryBudgetBytes: Int

    public init(plan: ExperimentPlan, threads: Int, trialsPerUnit: Int = 16, memoryBudgetBytes: Int = 128 << 20) {
        precondition(threads >= 1 && trialsPerUnit >= 1)
        self.plan = plan
        self.threads = threads
        self.trialsPerUnit = trialsPerUnit
        self.memoryBudgetBytes = memoryBudgetBytes
    }

    /// Runs `cells` (a plan's cells or a shard of them) and returns their results in the same order.
    ///
    /// Work goes by the plan's groups (`ExperimentPlan.groups`): a group's trial draws the
    /// randomness of all its cells at once, with the group's full list of feature counts
    /// even when only some of its cells are asked for, so a shard computes exactly the
    /// numbers of an unsharded run.
    /// - Parameters:
    ///   - progress: counters advanced as trials and cells finish.
    ///   - shouldStop: polled before every unit; when it turns true the run ends with `.interrupted`.
    /// - Throws: `CellRunError`.
    public func run(_ cells: [Cell], progress: RunProgress? = nil,
                    shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> [CellResult] {
        openblas_set_num_threads(1)
        AllocatorTuning.applyOnce()
        let wanted = Set(cells.map(\.index))
        var groupOrder: [Int] = []
        var seen = Set<Int>()
        for cell in cells where seen.insert(plan.groupOfCell[cell.index]).inserted {
            groupOrder.append(plan.groupOfCell[cell.index])
        }
        let perCell = plan.trials * plan.pairCount * MemoryLayout<Double>.size
        var byIndex: [Int: CellResult] = [:]
        var start = 0
        do {
            while start < groupOrder.count {
                // A wave: whole groups whose wanted cells' estimates fit the budget (at least one group).
                var wave: [Int] = []
                var bytes = 0
                while start < groupOrder.count {
                    let g = groupOrder[start]
                    let cost = plan.groups[g].filter { wanted.contains($0) }.count * perCell
                    if !wave.isEmpty && bytes + cost > memoryBudgetBytes { break }
                    wave.append(g)
                    bytes += cost
                    start += 1
                }
                for result in try runWave(wave, wanted: wanted, progress: progress, shouldStop: shouldStop) {
                    byIndex[result.cell.index] = result
                }
            }
        } catch CellRunError.interrupted {
            throw CellRunError.interrupted(cellsDone: progress?.cellsDone ?? byIndex.count)
        }
        return cells.map { byIndex[$0.index]! }
    }

    private func runWave(_ wave: [Int], wanted: Set<Int>, progress: RunProgress?,
                         shouldStop: @escaping @Sendable () -> Bool) throws -> [CellResult] {
        let t = plan.trials, p = plan.pairCount
        let nested = plan.featureDesign == .nested
        // Every cell of the wave's groups runs; the wanted ones get a slot for their estimates.
        let members = wave.map { plan.groups[$0].map { plan.cells[$0] } }
        var slotOf: [Int: Int] = [:]
        var slottedCells: [Cell] = []
        for group in members {
            for cell in group where wanted.contains(cell.index) {
                slotOf[cell.index] = slottedCells.count
                slottedCells.append(cell)
            }
        }
        let slotted = slottedCells
        let slots = members.map { group in group.map { slotOf[$0.index] } }
        let store = TrialStore(count: slotted.count * t * p)
        let block = trialsPerUnit
        let units: [(group: Int, trials: Range<Int>)] = members.indices.flatMap { g in
            stride(from: 0, to: t, by: block).map { first in (group: g, trials: first..<min(t, first + block)) }
        }
        let roots = members.map { group in
            Cell.trialRoot(seed: plan.seed, id: nested ? group[0].groupID : group[0].id)
        }
        let remaining = Locked(members.map { _ in (t + trialsPerUnit - 1) / trialsPerUnit })
        let pairSets = plan.pairSets
        try ParallelLoop.run(count: units.count, threads: threads, shouldStop: shouldStop) { u in
            let unit = units[u]
            let group = members[unit.group]
            let first = group[0]
            let pairs = pairSets[first.pairSetIndex].pairs
            for trial in unit.trials {
                let stream = roots[unit.group].child(UInt64(trial))
                let values: [[Double]]
                do {
                    if nested {
                        values = try first.estimatorInstance.estimate(
                            pairs: pairs, nestedFeatures: group.map(\.features), projection: first.projection, stream: stream)
                    } else {
                        values = [try first.estimatorInstance.estimate(
                            pairs: pairs, features: first.features, projection: first.projection, stream: stream)]
                    }
                } catch {
                    throw CellRunError.estimatorFailed(cell: first.id, trial: trial, message: "\(error)")
                }
                for (k, cell) in group.enumerated() {
                    guard let slot = slots[unit.group][k] else { continue }
                    guard k < values.count, values[k].count == p else {
                        throw CellRunError.estimatorFailed(cell: cell.id, trial: trial,
                                                           message: "the estimator returned \(k < values.count ? values[k].count : 0) estimates for \(p) pairs")
                    }
                    store.write(values[k], at: (slot * t + trial) * p)
                }
            }
            let wantedCount = slots[unit.group].compactMap { $0 }.count
            progress?.addTrials(unit.trials.count * wantedCount)
            let finished = remaining.withLock { counts in
                counts[unit.group] -= 1
                return counts[unit.group] == 0
            }
            if finished { for _ in 0..<wantedCount { progress?.addCell() } }
        }
        // Statistics, one cell per unit, each from its trials in trial order.
        let statistics = Locked([[CellStatistics]?](repeating: nil, count: slotted.count))
        try ParallelLoop.run(count: slotted.count, threads: threads, shouldStop: { false }) { c in
            let cell = slotted[c]
            let perPair = (0..<p).map { pair in
                CellStatistics(estimates: store.gather(from: c * t * p + pair, stride: p, count: t),
                               exact: cell.exact[pair], varianceTheory: cell.varianceTheory[pair],
                               fourthMomentFinite: cell.fourthMomentFinite[pair],
                               fourthMomentTheory: cell.fourthMomentTheory[pair])
            }
            statistics.withLock { $0[c] = perPair }
        }
        let computed = statistics.withLock { $0 }
        return slotted.indices.map { CellResult(cell: slotted[$0], pairs: computed[$0]!) }
    }
}

/// `body(0..<count)` on `threads` workers that take indices from a shared
/// counter. The first error (lowest index) is rethrown after all workers stop.
enum ParallelLoop {
    static func run(count: Int, threads: Int, shouldStop: @escaping @Sendable () -> Bool,
                    _ body: @escaping @Sendable (Int) throws -> Void) throws {
        let state = LoopState()
        let worker: @Sendable () -> Void = {
            while !state.failed {
                if shouldStop() {
                    state.stop()
                    return
                }
                let i = state.next.add(1, ordering: .relaxed).oldValue
                if i >= count { return }
                do {
                    try body(i)
                } catch {
                    state.record(error, at: i)
                }
            }
        }
        if threads <= 1 || count <= 1 {
            worker()
        } else {
            DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in worker() }
        }
        if let error = state.firstError { throw error }
        if state.stopped { throw CellRunError.interrupted(cellsDone: 0) }
    }

    final class LoopState: Sendable {
        let next = Atomic<Int>(0)
        private let failure = Mutex<(index: Int, error: any Error)?>(nil)
        private let stopFlag = Atomic<Bool>(false)
        private let failedFlag = Atomic<Bool>(false)

        var failed: Bool { failedFlag.load(ordering: .relaxed) || stopFlag.load(ordering: .relaxed) }
        var stopped: Bool { stopFlag.load(ordering: .relaxed) }
        var firstError: (any Error)? { failure.withLock { $0?.error } }

        func stop() { stopFlag.store(true, ordering: .relaxed) }

        func record(_ error: any Error, at index: Int) {
            failure.withLock { current in
                if current == nil || index < current!.index { current = (index, error) }
            }
            failedFlag.store(true, ordering: .relaxed)
        }
    }
}

/// A value behind a mutex, shareable by reference between workers.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout sending Value) throws -> sending R) rethrows -> R {
        try mutex.withLock(body)
    }
}
