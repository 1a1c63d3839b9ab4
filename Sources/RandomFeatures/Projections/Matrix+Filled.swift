// MARK: - Output matrices written once, without a zero fill first

extension Matrix {
    /// A rows×columns matrix whose entries `fill` writes through the pointer it receives.
    ///
    /// Skips the zero fill of `init(rows:columns:)`, which for a projected batch is a
    /// whole extra pass over memory. `fill` must write every one of the rows·columns
    /// entries (they start uninitialised; `Scalar` is a trivial type).
    static func filled(rows: Int, columns: Int, _ fill: (UnsafeMutablePointer<Scalar>) -> Void) -> Matrix {
        let count = rows * columns
        let storage = [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { fill(buffer.baseAddress!) }
            initialized = count
        }
        return Matrix(rows: rows, columns: columns, storage: storage)
    }
}
