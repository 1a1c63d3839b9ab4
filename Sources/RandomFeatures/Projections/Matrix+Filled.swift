// MARK: - Output matrices written once, without a zero fill first

extension Matrix {
    /// A rows×columns matrix whose entries `fill` writes through the pointer it receives.
    ///
    /// Skips the zero fill of `init(rows:columns:)`, which for a projected batch is a
    /// whole extra pass over memory. `fill` must write every one of the rows·columns
    /// entries (they start uninitialised; `Scalar` is a trivial type). It is not called
    /// for an empty matrix.
    @usableFromInline
    static func filled(rows: Int, columns: Int, _ fill: (UnsafeMutablePointer<Scalar>) -> Void) -> Matrix {
        let count = rows * columns
        let storage = [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { fill(buffer.baseAddress!) }
            initialized = count
        }
        return Matrix(rows: rows, columns: columns, storage: storage)
    }

    /// Lets `fill` overwrite every entry of this rows×columns matrix in place (no allocation).
    mutating func overwrite(rows: Int, columns: Int, _ fill: (UnsafeMutablePointer<Scalar>) -> Void) {
        precondition(self.rows == rows && self.columns == columns,
                     "the result must be \(rows)×\(columns); got \(self.rows)×\(self.columns)")
        guard rows * columns > 0 else { return }
        storage.withUnsafeMutableBufferPointer { fill($0.baseAddress!) }
    }
}

// MARK: - Dense projections: one GEMM into a given result

extension Matrix {
    /// self ← X Wᵀ by one GEMM into this matrix's storage (n×m, X n×d, W m×d).
    mutating func overwriteWithProduct(_ x: Matrix, transposeOf w: Matrix) {
        precondition(x.columns == w.columns, "inner dimensions differ: \(x.columns) vs \(w.columns)")
        let n = x.rows, d = x.columns, m = w.rows
        overwrite(rows: n, columns: m) { c in
            if d == 0 {
                c.update(repeating: 0, count: n * m)
                return
            }
            x.storage.withUnsafeBufferPointer { a in
                w.storage.withUnsafeBufferPointer { b in
                    Scalar.gemm(transposeA: false, transposeB: true, m: n, n: m, k: d, alpha: 1, a: a.baseAddress!,
                                lda: d, b: b.baseAddress!, ldb: d, beta: 0, c: c, ldc: m)
                }
            }
        }
    }
}
