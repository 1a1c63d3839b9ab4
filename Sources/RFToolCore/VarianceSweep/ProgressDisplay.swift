import Estimators
import Foundation
import Synchronization

/// Progress of a running sweep on stderr (never stdout): a bar redrawn in
/// place when stderr is a terminal (cells done, rate, time left), a plain line
/// every `lineInterval` seconds otherwise, nothing when quiet.
public final class ProgressDisplay: Sendable {
    public enum Mode: Sendable {
        case bar, lines, off
        /// A bar on a terminal, lines otherwise, off when quiet.
        public static func automatic(quiet: Bool) -> Mode {
            if quiet { return .off }
            return isatty(STDERR_FILENO) != 0 ? .bar : .lines
        }
    }

    let progress: RunProgress
    let mode: Mode
    let lineInterval: Double
    let startDate = Date()
    private let stopped = Atomic<Bool>(false)
    /// Signalled by `stop()` to wake the drawing thread at once.
    private let wake = DispatchSemaphore(value: 0)
    /// Signalled by the drawing thread when it has ended.
    private let ended = DispatchSemaphore(value: 0)

    public init(progress: RunProgress, mode: Mode, lineInterval: Double = 10) {
        self.progress = progress
        self.mode = mode
        self.lineInterval = lineInterval
    }

    /// Starts redrawing on a background thread.
    public func start() {
        guard mode != .off else { return }
        let thread = Thread { [self] in
            var lastLine = Date()
            while !stopped.load(ordering: .relaxed) {
                _ = wake.wait(timeout: .now() + (mode == .bar ? 0.2 : 0.5))
                if stopped.load(ordering: .relaxed) { break }
                if mode == .bar {
                    write("\r" + status(bar: true) + "\u{1B}[K")
                } else if Date().timeIntervalSince(lastLine) >= lineInterval {
                    lastLine = Date()
                    write(status(bar: false) + "\n")
                }
            }
            ended.signal()
        }
        thread.start()
    }

    /// Stops the display and prints the final state.
    public func stop() {
        guard mode != .off else { return }
        stopped.store(true, ordering: .relaxed)
        wake.signal()
        ended.wait()
        if mode == .bar {
            write("\r" + status(bar: true) + "\u{1B}[K\n")
        } else {
            write(status(bar: false) + "\n")
        }
    }

    func status(bar: Bool) -> String {
        let cells = progress.cellsDone, total = progress.totalCells
        let fraction = progress.totalTrials > 0 ? Double(progress.trialsDone) / Double(progress.totalTrials) : 1
        let elapsed = Date().timeIntervalSince(startDate)
        let rate = elapsed > 0 ? Double(cells) / elapsed : 0
        let left = fraction > 0 ? elapsed * (1 - fraction) / fraction : .nan
        var text = "\(cells)/\(total) cells, \(String(format: "%.1f", rate)) cells/s, \(Self.clock(elapsed)) elapsed, \(Self.clock(left)) left"
        if bar {
            let width = 24
            let filled = min(width, Int(fraction * Double(width)))
            text = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " + text
        } else {
            text = "variance-sweep: " + text
        }
        return text
    }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
