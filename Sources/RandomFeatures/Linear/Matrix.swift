/// A dense row-major matrix of `Float` or `Double`.
///
/// Batches of inputs are `n × d` (one point a row); projections are `m × d`
/// (one random direction a row); projected features are `n × m`.
public struct Matrix<Scalar: BLASScalar>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Entries in row-major order: entry (i, j) is `storage[i * columns + j]`.
    public var storage: [Scalar]

    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0)
        self.rows = rows
        self.columns = columns
        storage = [Scalar](repeating: value, count: rows * columns)
    }

    @inlinable
    public init(rows: Int, columns: Int, storage: [Scalar]) {
        precondition(storage.count == rows * columns, "storage has \(storage.count) entries, expected \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from an array of equally long rows.
    public init(rowArrays: [[Scalar]]) {
        let c = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == c }, "ragged rows")
        self.init(rows: rowArrays.count, columns: c, storage: rowArrays.flatMap { $0 })
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// Row `i` as a new array.
    public func row(_ i: Int) -> [Scalar] {
        Array(storage[(i * columns)..<((i + 1) * columns)])
    }

    public func transposed() -> Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows {
            for j in 0..<columns { t.storage[j * rows + i] = storage[i * columns + j] }
        }
        return t
    }

    /// The same entries converted to another precision.
    public func converted<Other: BLASScalar>(to: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(rows: rows, columns: columns, storage: storage.map { Other($0.doubleValue) })
    }
}
