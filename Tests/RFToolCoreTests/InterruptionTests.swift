import Estimators
import Foundation
import Synchronization
import Testing
@testable import RFToolCore

/// A stop request (SIGINT/SIGTERM in the command) ends the run before any file is written.
@Suite struct InterruptionTests {
    final class Countdown: Sendable {
        let left: Atomic<Int>
        init(_ n: Int) { left = Atomic(n) }
        /// True once it has been asked `n` times.
        func expired() -> Bool { left.subtract(1, ordering: .relaxed).newValue < 0 }
    }

    @Test func stopRequestLeavesNoFiles() throws {
        let dir = try temporaryFolder()
        var r = SweepDeterminismTests.request(out: "\(dir)/out/x.csv", threads: 2)
        r.trials = 400
        let config = try r.configuration(lookup: TestCatalog.lookup)
        let countdown = Countdown(5)
        #expect {
            _ = try VarianceSweep.run(config, log: { _ in }, progressMode: .off, stopRequested: { countdown.expired() })
        } throws: { error in
            guard let stop = error as? VarianceSweep.Interrupted else { return false }
            return stop.cellsDone < config.cells.count && "\(stop)".contains("no results written")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out"))
    }

    @Test func runnerReportsInterruption() throws {
        let config = try SweepDeterminismTests.request(out: "/unused/x.csv", threads: 1).configuration(lookup: TestCatalog.lookup)
        #expect {
            _ = try CellRunner(plan: config.plan, threads: 1).run(config.plan.cells, shouldStop: { true })
        } throws: { error in
            if case CellRunError.interrupted(let done) = error { return done == 0 }
            return false
        }
    }
}
