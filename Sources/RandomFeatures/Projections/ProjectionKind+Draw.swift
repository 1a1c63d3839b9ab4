/// Why a projection could not be drawn.
public struct ProjectionError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension ProjectionKind {
    /// Draws an m×d projection of this kind from `stream`.
    ///
    /// The same stream always gives the same matrix; independent blocks of a
    /// structured projection use independent child streams `stream.child(block)`.
    public func draw(rowCount m: Int, inputDimension d: Int, options: ProjectionOptions = .init(),
                     stream: RandomStream) throws -> any Projection {
        guard m >= 1 else { throw ProjectionError("the number of rows m must be at least 1; got \(m)") }
        guard d >= 1 else { throw ProjectionError("the input dimension d must be at least 1; got \(d)") }
        switch self {
        case .iid:
            return GaussianProjection(rowCount: m, inputDimension: d, entries: options.entries, stream: stream)
        default:
            throw ProjectionError("projection \(rawValue) is not available yet")
        }
    }
}
