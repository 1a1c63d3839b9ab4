import CBLAS
import Dispatch
import RandomFeatures
import Synchronization

/// Runs the trials of a list of cells on several threads and computes their
/// statistics.
///
/// The unit of work is (cell, block of consecutive trials). Workers take units
/// from a shared counter, so the cores stay busy whatever the cells cost; each
/// trial draws from its own stream (`Cell.trialStream`) and writes its P
/// estimates to its own slot. Statistics are computed only once every trial of
/// a cell is stored, from the slots in trial order. Which thread ran which
/// unit therefore never shows in the numbers: the results are bit-identical for
/// any thread count, block size and sharding.
///
/// Memory: the estimates of a cell take T·P doubles. Cells run in waves whose
/// estimates fit `memoryBudgetBytes`; a wave's estimates are freed once its
/// statistics are computed.
///
/// Speed: one trial is one call of `estimate(pairs:…)` on the whole pair batch
/// (one GEMM per trial in the estimators), and the runner adds one copy of P
/// doubles per trial. OpenBLAS is set to one thread, since the cores are
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
    /// - Parameters:
    ///   - progress: counters advanced as trials and cells finish.
    ///   - shouldStop: polled before every unit; when it turns true the run ends with `.interrupted`.
    /// - Throws: `CellRunError`.
    public func run(_ cells: [Cell], progress: RunProgress? = nil,
                    shouldStop: @escaping @Sendable () -> Bool = { false }) throws -> [CellResult] {
        openblas_set_num_threads(1)
        AllocatorTuning.applyOnce()
        let perCell = plan.trials * plan.pairCount
        let cellsPerWave = max(1, memoryBudgetBytes / max(1, perCell * MemoryLayout<Double>.size))
        var results: [CellResult] = []
        results.reserveCapacity(cells.count)
        var start = 0
        do {
            while start < cells.count {
                let wave = Array(cells[start..<min(cells.count, start + cellsPerWave)])
                results += try runWave(wave, progress: progress, shouldStop: shouldStop)
                start += wave.count
            }
        } catch CellRunError.interrupted {
            throw CellRunError.interrupted(cellsDone: progress?.cellsDone ?? results.count)
        }
        return results
    }

    private func runWave(_ wave: [Cell], progress: RunProgress?, shouldStop: @escaping @Sendable () -> Bool) throws -> [CellResult] {
        let t = plan.trials, p = plan.pairCount
        let store = TrialStore(count: wave.count * t * p)
        let block = trialsPerUnit
        let units: [(cell: Int, trials: Range<Int>)] = wave.indices.flatMap { c in
            stride(from: 0, to: t, by: block).map { first in (cell: c, trials: first..<min(t, first + block)) }
        }
        let roots = wave.map { Cell.trialRoot(seed: plan.seed, id: $0.id) }
        let remaining = Locked(wave.map { _ in (t + trialsPerUnit - 1) / trialsPerUnit })
        let pairSets = plan.pairSets
        try ParallelLoop.run(count: units.count, threads: threads, shouldStop: shouldStop) { u in
            let unit = units[u]
            let cell = wave[unit.cell]
            let pairs = pairSets[cell.pairSetIndex].pairs
            for trial in unit.trials {
                let values: [Double]
                do {
                    values = try cell.estimatorInstance.estimate(
                        pairs: pairs, features: cell.features, projection: cell.projection,
                        stream: roots[unit.cell].child(UInt64(trial)))
                } catch {
                    throw CellRunError.estimatorFailed(cell: cell.id, trial: trial, message: "\(error)")
                }
                guard values.count == p else {
                    throw CellRunError.estimatorFailed(cell: cell.id, trial: trial,
                                                       message: "the estimator returned \(values.count) estimates for \(p) pairs")
                }
                store.write(values, at: (unit.cell * t + trial) * p)
            }
            progress?.addTrials(unit.trials.count)
            let finished = remaining.withLock { counts in
                counts[unit.cell] -= 1
                return counts[unit.cell] == 0
            }
            if finished { progress?.addCell() }
        }
        // Statistics, one cell per unit, each from its trials in trial order.
        let statistics = Locked([[CellStatistics]?](repeating: nil, count: wave.count))
        try ParallelLoop.run(count: wave.count, threads: threads, shouldStop: { false }) { c in
            let cell = wave[c]
            let perPair = (0..<p).map { pair in
                CellStatistics(estimates: store.gather(from: c * t * p + pair, stride: p, count: t),
                               exact: cell.exact[pair], varianceTheory: cell.varianceTheory[pair],
                               fourthMomentFinite: cell.fourthMomentFinite[pair],
                               fourthMomentTheory: cell.fourthMomentTheory[pair])
            }
            statistics.withLock { $0[c] = perPair }
        }
        let computed = statistics.withLock { $0 }
        return wave.indices.map { CellResult(cell: wave[$0], pairs: computed[$0]!) }
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
