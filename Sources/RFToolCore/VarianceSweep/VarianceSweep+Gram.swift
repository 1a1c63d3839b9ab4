import Estimators
import Foundation

extension VarianceSweep {
    /// `variance-sweep --gram`: plan → per-trial Gram errors (`GramCellRunner`)
    /// → `GramTable` CSV + summary + sidecar, written atomically as one group.
    /// Cells whose estimator has no feature-map form are skipped with a line on `log`.
    static func runGram(_ config: VarianceSweepConfiguration, log: (String) -> Void,
                        progressMode: ProgressDisplay.Mode?, stopRequested: @escaping @Sendable () -> Bool) throws -> Outcome {
        let started = Date()
        let plan = config.plan
        var notes = plan.notes
        var cells: [Cell] = []
        for cell in plan.cells {
            if (try? GramCellRunner.featureMap(of: cell)) != nil {
                cells.append(cell)
            } else {
                notes.append("skipping \(cell.kernel)/\(cell.estimator) in --gram mode: it has no feature-map form")
            }
        }
        var seenNotes = Set<String>()
        notes = notes.filter { seenNotes.insert($0).inserted }
        for note in notes { log("variance-sweep: \(note)") }
        guard !cells.isEmpty else {
            throw RFToolError.usage("no cell of the requested Gram grid is meaningful (see the lines above); nothing to run")
        }
        let points = plan.pairSets.first?.count ?? 0
        if !config.quiet {
            log("variance-sweep --gram: \(cells.count) cells × \(plan.trials) trials, two sets of \(points) points on \(config.threads) threads → \(config.output.csv)")
        }
        let progress = RunProgress(totalCells: cells.count, totalTrials: cells.count * plan.trials)
        let display = ProgressDisplay(progress: progress, mode: progressMode ?? .automatic(quiet: config.quiet))
        let runner = GramCellRunner(plan: plan, threads: config.threads)
        display.start()
        let results: [GramCellResult]
        do {
            results = try runner.run(cells, progress: progress, shouldStop: stopRequested)
            display.stop()
        } catch CellRunError.interrupted {
            display.stop()
            throw Interrupted(signal: Interruption.signal ?? SIGINT, cellsDone: progress.cellsDone, cellsTotal: cells.count, files: config.output)
        } catch {
            display.stop()
            throw RFToolError(.software, "\(error)")
        }
        var metadata = RunMetadata(
            commandLine: config.commandLine, seed: plan.seed, gitCommit: RunMetadata.gitCommit(),
            machine: RunMetadata.machine(), threads: config.threads,
            runSeconds: Date().timeIntervalSince(started), startedAt: RunMetadata.timestamp(started),
            preset: config.presetName, trials: plan.trials, pairs: points,
            cellsPlanned: plan.cells.count, cellsInFile: results.count, shard: nil,
            planFingerprint: plan.fingerprint, skipped: notes, libraries: RunMetadata.libraries(),
            files: ["csv": config.output.csv, "summary_csv": config.output.summaryCSV],
            acceptance: nil, mergedFrom: nil)
        metadata.mode = "gram"
        metadata.gramPoints = points
        metadata.gramPointsFrom = cells.first?.pairsFrom
        let files = [
            (config.output.csv, GramTable.csv(results, seed: plan.seed)),
            (config.output.summaryCSV, GramTable.summaryCSV(results, seed: plan.seed)),
            (config.output.sidecar, try metadata.json()),
        ]
        if stopRequested() {
            throw Interrupted(signal: Interruption.signal ?? SIGINT, cellsDone: results.count, cellsTotal: cells.count, files: config.output)
        }
        try AtomicFileGroup.write(files.map { (path: $0.0, text: $0.1) })
        if !config.quiet {
            log("variance-sweep: wrote \(config.output.csv), \(config.output.summaryCSV), \(config.output.sidecar) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
        return Outcome(results: [], gramResults: results, acceptance: [], files: config.output)
    }
}
