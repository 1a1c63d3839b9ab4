/// The kinds of random projection rftool draws (ALGORITHMS.md §2).
public enum ProjectionKind: String, CaseIterable, Sendable, Codable {
    /// Rows iid N(0, I_d), applied with GEMM.
    case iid
    /// Stacked Haar-orthogonal blocks with chi (default) or √d row norms.
    case orthogonal
    /// √p·Ĥ D₁ Ĥ D₂ Ĥ D₃ blocks (structured orthogonal random features).
    case sorf
    /// S H G Π H B blocks (Le, Sarlós, Smola 2013).
    case fastfood
    /// Signed circulant blocks applied with FFTW.
    case circulant
    /// iid ±1 entries.
    case rademacher
}

/// Options that shape a projection.
public struct ProjectionOptions: Sendable, Hashable, Codable {
    /// How the rows' norms are set where the construction fixes them.
    public enum RowNorms: String, Sendable, Hashable, Codable, CaseIterable {
        /// Independent χ_d (χ_p for SORF) norms: rows exactly N(0, I) marginally.
        case chi
        /// Fixed norm √d (orthogonal) or √p (SORF): rows uniform on a sphere.
        case fixed
    }
    /// The marginal distribution of entries for iid and circulant projections.
    public enum EntryDistribution: String, Sendable, Hashable, Codable, CaseIterable {
        case gaussian, cauchy, laplace
    }

    /// Row norms for `orthogonal` (default chi) and `sorf` (default fixed).
    public var rowNorms: RowNorms?
    /// Number of HD blocks in SORF (default 3).
    public var hadamardBlocks: Int
    /// Entry distribution for iid and circulant (default Gaussian). Laplace-kernel
    /// features need Cauchy entries; Cauchy-kernel features need Laplace entries.
    public var entries: EntryDistribution

    public init(rowNorms: RowNorms? = nil, hadamardBlocks: Int = 3, entries: EntryDistribution = .gaussian) {
        self.rowNorms = rowNorms
        self.hadamardBlocks = hadamardBlocks
        self.entries = entries
    }
}

/// A drawn random projection: an m×d matrix W, applied to a batch X (n×d)
/// as Z = X Wᵀ (n×m).
///
/// A projection is a value fixed at draw time: applying it twice gives the same
/// result, and `dense()` materialises exactly the matrix that `apply` uses.
public protocol Projection: Sendable {
    /// m: the number of random directions (rows of W).
    var rowCount: Int { get }
    /// d: the input dimension (columns of W).
    var inputDimension: Int { get }
    /// Z = X Wᵀ for a batch X (n×d) in Double.
    func apply(_ batch: Matrix<Double>) -> Matrix<Double>
    /// Z = X Wᵀ for a batch X (n×d) in Float.
    func apply(_ batch: Matrix<Float>) -> Matrix<Float>
    /// Z = X Wᵀ written over `result`, which must already be n×m: its storage is reused,
    /// nothing is allocated (the same values as `apply(_:)`).
    func apply(_ batch: Matrix<Double>, into result: inout Matrix<Double>)
    /// Z = X Wᵀ in Float, written over the n×m `result`.
    func apply(_ batch: Matrix<Float>, into result: inout Matrix<Float>)
    /// W as a dense m×d matrix.
    func dense() -> Matrix<Double>
    /// Z = X Wᵀ handed to `consume(rows, z)` in bands of consecutive rows that together cover
    /// the batch (`z` holds rows.count × m values, row-major, valid only during the call).
    /// Calls may run concurrently for disjoint bands. Row-wise projections (SORF) keep each band
    /// in cache for the consumer; the default is one band, `apply(_:)` of the whole batch.
    func applyInBands(_ batch: Matrix<Double>, bandRows: Int, _ consume: (Range<Int>, UnsafeBufferPointer<Double>) -> Void)
    /// `applyInBands` in Float.
    func applyInBands(_ batch: Matrix<Float>, bandRows: Int, _ consume: (Range<Int>, UnsafeBufferPointer<Float>) -> Void)
}

extension Projection {
    /// Default: the whole batch as one band.
    public func applyInBands(_ batch: Matrix<Double>, bandRows: Int, _ consume: (Range<Int>, UnsafeBufferPointer<Double>) -> Void) {
        let z = apply(batch)
        z.storage.withUnsafeBufferPointer { consume(0..<z.rows, $0) }
    }

    /// Default: the whole batch as one band.
    public func applyInBands(_ batch: Matrix<Float>, bandRows: Int, _ consume: (Range<Int>, UnsafeBufferPointer<Float>) -> Void) {
        let z = apply(batch)
        z.storage.withUnsafeBufferPointer { consume(0..<z.rows, $0) }
    }

    /// Default: `apply(_:)`, then a copy into `result`.
    public func apply(_ batch: Matrix<Double>, into result: inout Matrix<Double>) {
        let z = apply(batch)
        result.overwrite(rows: z.rows, columns: z.columns) { $0.update(from: z.storage, count: z.storage.count) }
    }

    /// Default: `apply(_:)`, then a copy into `result`.
    public func apply(_ batch: Matrix<Float>, into result: inout Matrix<Float>) {
        let z = apply(batch)
        result.overwrite(rows: z.rows, columns: z.columns) { $0.update(from: z.storage, count: z.storage.count) }
    }
}
