#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// Every kind returns exactly m rows (the last block is truncated, §8.14).
    ///
    /// - Throws: `ProjectionError` naming the parameter when m < 1, d < 1, an option does
    ///   not apply to this kind, or the stored projection would not fit in memory.
    public func draw(rowCount m: Int, inputDimension d: Int, options: ProjectionOptions = .init(),
                     stream: RandomStream) throws -> any Projection {
        guard m >= 1 else { throw ProjectionError("the number of rows m must be at least 1; got \(m)") }
        guard d >= 1 else { throw ProjectionError("the input dimension d must be at least 1; got \(d)") }
        try validate(options)
        try checkMemory(rowCount: m, inputDimension: d)
        switch self {
        case .iid:
            return GaussianProjection(rowCount: m, inputDimension: d, entries: options.entries, stream: stream)
        case .orthogonal:
            return try OrthogonalProjection(rowCount: m, inputDimension: d, rowNorms: options.rowNorms ?? .chi,
                                            stream: stream)
        case .sorf:
            return StructuredOrthogonalProjection(
                rowCount: m, inputDimension: d, hadamardBlocks: options.hadamardBlocks,
                rowNorms: options.rowNorms ?? .fixed, stream: stream)
        case .fastfood:
            return FastfoodProjection(rowCount: m, inputDimension: d, stream: stream)
        case .circulant:
            return CirculantProjection(rowCount: m, inputDimension: d, entries: options.entries, stream: stream)
        case .rademacher:
            return RademacherProjection(rowCount: m, inputDimension: d, stream: stream)
        }
    }

    /// Refuses options that do not apply to this kind rather than ignoring them.
    func validate(_ options: ProjectionOptions) throws {
        if options.entries != .gaussian, self != .iid, self != .circulant {
            throw ProjectionError("entries \(options.entries.rawValue) apply only to iid and circulant projections, not \(rawValue)")
        }
        if let norms = options.rowNorms, self != .orthogonal, self != .sorf {
            throw ProjectionError("row norms \(norms.rawValue) apply only to orthogonal and sorf projections, not \(rawValue)")
        }
        if self == .sorf, !(1...64).contains(options.hadamardBlocks) {
            throw ProjectionError("the number of HD blocks must be from 1 to 64; got \(options.hadamardBlocks)")
        }
    }

    /// The bytes the drawn projection keeps, roughly (Double and Float copies).
    func storedBytes(rowCount m: Int, inputDimension d: Int) -> Int? {
        let perEntry: Int, entries: Int
        switch self {
        case .iid, .orthogonal, .rademacher:
            perEntry = 12
            let (md, overflow) = m.multipliedReportingOverflow(by: d)
            if overflow { return nil }
            entries = md
        case .sorf, .fastfood, .circulant:
            // O(m) numbers per precision: at most a block's worth beyond m.
            perEntry = 64
            let (p, _) = paddedLength(d)
            entries = m + p
        }
        let (bytes, overflow) = entries.multipliedReportingOverflow(by: perEntry)
        return overflow ? nil : bytes
    }

    func checkMemory(rowCount m: Int, inputDimension d: Int) throws {
        let available = ProjectionKind.physicalMemoryBytes
        guard let bytes = storedBytes(rowCount: m, inputDimension: d), bytes <= available else {
            throw ProjectionError("the \(rawValue) projection with m = \(m) rows and d = \(d) would need more memory than this machine has (\(available >> 20) MiB)")
        }
    }

    /// Physical memory of this machine, in bytes.
    static let physicalMemoryBytes: Int = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return Int.max }
        return pages.multipliedReportingOverflow(by: size).overflow ? Int.max : pages * size
    }()
}
