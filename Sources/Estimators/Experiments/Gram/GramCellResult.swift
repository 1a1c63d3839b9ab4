/// The Gram errors of one cell: one relative Frobenius error per trial, in trial order.
public struct GramCellResult: Sendable {
    public let cell: Cell
    /// n, the points of each of the two sets (K is n × n).
    public let points: Int
    /// ‖K‖_F of the exact cross-Gram matrix.
    public let exactNorm: Double
    /// e_t = ‖K − K̂_t‖_F / ‖K‖_F for t = 0..<T.
    public let errors: [Double]
    public let statistics: GramErrorStatistics

    public init(cell: Cell, points: Int, exactNorm: Double, errors: [Double]) {
        self.cell = cell
        self.points = points
        self.exactNorm = exactNorm
        self.errors = errors
        statistics = GramErrorStatistics(errors: errors)
    }
}
