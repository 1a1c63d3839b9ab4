/// The statistics of one cell: one `CellStatistics` per pair, in pair order.
public struct CellResult: Sendable {
    public let cell: Cell
    public let pairs: [CellStatistics]

    public init(cell: Cell, pairs: [CellStatistics]) {
        precondition(cell.exact.count == pairs.count)
        self.cell = cell
        self.pairs = pairs
    }
}

/// Why a sweep stopped before the end.
public enum CellRunError: Error, CustomStringConvertible, Sendable {
    /// The stop request (SIGINT/SIGTERM) arrived; `cellsDone` cells had finished.
    case interrupted(cellsDone: Int)
    /// An estimator failed during a trial.
    case estimatorFailed(cell: String, trial: Int, message: String)

    public var description: String {
        switch self {
        case .interrupted(let done): return "interrupted after \(done) finished cells"
        case .estimatorFailed(let cell, let trial, let message): return "cell \(cell), trial \(trial): \(message)"
        }
    }
}
