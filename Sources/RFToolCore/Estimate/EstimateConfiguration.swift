import Estimators
import RandomFeatures

/// A validated `rftool estimate` run: one pair, one kernel × estimator × projection,
/// M features, T trials.
public struct EstimateConfiguration: Sendable {
    public let kernel: String
    public let estimator: String
    public let projection: ProjectionKind
    public let features: Int
    public let trials: Int
    public let seed: UInt64
    public let parameters: KernelParameters
    public let x: [Double]
    public let y: [Double]
    /// `given` for --x/--y, else the design the pair was drawn from (e.g. `sphere(r=1.0)`).
    public let pairLabel: String
    public let format: EstimateReport.Format
    public let threads: Int

    public var dimension: Int { x.count }

    /// The child of `RandomStream(seed:)` a random pair is drawn from; the trials draw
    /// from the experiment machinery's own streams (`Cell`), never from this one.
    static let pairStreamTag: UInt64 = 0x6573_7469_6D61_7465 // "estimate"
}
