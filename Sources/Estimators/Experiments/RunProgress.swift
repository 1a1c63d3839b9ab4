import Synchronization

/// Counters a running sweep advances and a progress display reads from
/// another thread. Only counts: no result passes through here.
public final class RunProgress: Sendable {
    public let totalCells: Int
    public let totalTrials: Int
    private let cells = Atomic<Int>(0)
    private let trials = Atomic<Int>(0)

    public init(totalCells: Int, totalTrials: Int) {
        self.totalCells = totalCells
        self.totalTrials = totalTrials
    }

    public var cellsDone: Int { cells.load(ordering: .relaxed) }
    public var trialsDone: Int { trials.load(ordering: .relaxed) }

    func addTrials(_ n: Int) { trials.add(n, ordering: .relaxed) }
    func addCell() { cells.add(1, ordering: .relaxed) }
}
