import Estimators
import Foundation

/// `rftool variance-sweep`: plan → run → statistics → CSV + summary + sidecar
/// (STYLE.md §4). Everything here is library code; the executable only parses.
public enum VarianceSweep {
    /// What a finished run produced.
    public struct Outcome: Sendable {
        public let results: [CellResult]
        /// The per-trial Gram errors of a `--gram` run (empty otherwise).
        public var gramResults: [GramCellResult] = []
        public let acceptance: [AcceptanceOutcome]
        public let files: OutputNames
        /// True when some acceptance check failed (the command then exits 1).
        public var failedChecks: Bool { acceptance.contains { $0.status == .fail } }
    }

    /// The run ended on SIGINT/SIGTERM; nothing was written.
    public struct Interrupted: Error, CustomStringConvertible, Sendable {
        public let signal: Int32
        public let cellsDone: Int
        public let cellsTotal: Int
        public let files: OutputNames
        public var description: String {
            "interrupted by \(Interruption.name(signal)) after \(cellsDone) of \(cellsTotal) cells; no results written (\(files.csv) was not created or changed)"
        }
        /// 128 + signal, the shell's convention.
        public var exitCode: Int32 { 128 + signal }
    }

    /// Runs a validated sweep and writes its files.
    /// - Parameters:
    ///   - log: where notes and progress lines go (stderr in the command).
    ///   - progressMode: nil picks a bar on a terminal, lines otherwise, off with `quiet`.
    ///   - stopRequested: polled between units of work; the command passes the signal flag.
    public static func run(_ config: VarianceSweepConfiguration,
                           log: (String) -> Void = StandardError.line,
                           progressMode: ProgressDisplay.Mode? = nil,
                           stopRequested: @escaping @Sendable () -> Bool = { Interruption.requested }) throws -> Outcome {
        if config.gram { return try runGram(config, log: log, progressMode: progressMode, stopRequested: stopRequested) }
        let started = Date()
        let plan = config.plan
        for note in plan.notes { log("variance-sweep: \(note)") }
        guard !plan.cells.isEmpty else {
            throw RFToolError.usage("no cell of the requested grid is meaningful (see the lines above); nothing to run")
        }
        let cells = config.cells
        if !config.quiet {
            let slice = config.shard.map { " (shard \($0.index)/\($0.count): \(cells.count) cells)" } ?? ""
            log("variance-sweep: \(plan.cells.count) cells\(slice) × \(plan.trials) trials × \(plan.pairCount) pairs on \(config.threads) threads → \(config.output.csv)")
        }
        let progress = RunProgress(totalCells: cells.count, totalTrials: cells.count * plan.trials)
        let display = ProgressDisplay(progress: progress, mode: progressMode ?? .automatic(quiet: config.quiet))
        let runner = CellRunner(plan: plan, threads: config.threads)
        display.start()
        let results: [CellResult]
        do {
            results = try runner.run(cells, progress: progress, shouldStop: stopRequested)
            display.stop()
        } catch CellRunError.interrupted(let done) {
            display.stop()
            throw Interrupted(signal: Interruption.signal ?? SIGINT, cellsDone: done, cellsTotal: cells.count, files: config.output)
        } catch {
            display.stop()
            throw RFToolError(.software, "\(error)")
        }

        var acceptance: [AcceptanceOutcome] = []
        if config.shard == nil {
            acceptance = config.checks.flatMap { $0.evaluate(results) }
        } else if !config.checks.isEmpty {
            log("variance-sweep: acceptance checks need the whole grid; they run when `rftool merge` joins the shards")
        }
        var metadata = RunMetadata(
            commandLine: config.commandLine, seed: plan.seed, gitCommit: RunMetadata.gitCommit(),
            machine: RunMetadata.machine(), threads: config.threads,
            runSeconds: Date().timeIntervalSince(started), startedAt: RunMetadata.timestamp(started),
            preset: config.presetName, trials: plan.trials, pairs: plan.pairCount,
            cellsPlanned: plan.cells.count, cellsInFile: results.count,
            shard: config.shard.map { RunMetadata.Shard(index: $0.index, count: $0.count) },
            planFingerprint: plan.fingerprint, skipped: plan.notes, libraries: RunMetadata.libraries(),
            files: ["csv": config.output.csv, "summary_csv": config.output.summaryCSV],
            acceptance: acceptance.isEmpty ? nil : acceptance.map { .init(check: $0.check, status: $0.status.rawValue, detail: $0.detail) },
            mergedFrom: nil)
        metadata.featureDesign = plan.featureDesign.rawValue
        let files = [
            (config.output.csv, SweepTable.csv(results, seed: plan.seed, trials: plan.trials)),
            (config.output.summaryCSV, SweepTable.summaryCSV(results, seed: plan.seed, trials: plan.trials)),
            (config.output.sidecar, try metadata.json()),
        ]
        if stopRequested() {
            throw Interrupted(signal: Interruption.signal ?? SIGINT, cellsDone: results.count, cellsTotal: cells.count, files: config.output)
        }
        try AtomicFileGroup.write(files.map { (path: $0.0, text: $0.1) })
        if !config.quiet {
            log("variance-sweep: wrote \(config.output.csv), \(config.output.summaryCSV), \(config.output.sidecar) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
        return Outcome(results: results, acceptance: acceptance, files: config.output)
    }
}

/// Lines to stderr.
public enum StandardError {
    public static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
