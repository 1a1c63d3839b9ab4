import Foundation
import Synchronization

/// SIGINT/SIGTERM handling for long runs. The first signal only records
/// itself: the runner stops before its next unit of work and the command
/// writes nothing, says so on stderr and exits 128 + signal. The handler then
/// restores the default action, so a second Ctrl-C ends the process at once
/// (even then no truncated CSV exists: files are renamed into place whole).
public enum Interruption {
    /// Installs the handlers (idempotent).
    public static func install() {
        _ = installed
    }

    /// The signal received, if any.
    public static var signal: Int32? {
        let s = receivedSignal.load(ordering: .relaxed)
        return s == 0 ? nil : s
    }

    public static var requested: Bool { signal != nil }

    /// "SIGINT" or "SIGTERM".
    public static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }

    private static let installed: Void = {
        for s in [SIGINT, SIGTERM] {
            _ = Foundation.signal(s) { received in
                receivedSignal.store(received, ordering: .relaxed)
                _ = Foundation.signal(received, SIG_DFL)
            }
        }
    }()
}

/// Written by the signal handler (a lock-free atomic store is async-signal-safe).
private let receivedSignal = Atomic<Int32>(0)
