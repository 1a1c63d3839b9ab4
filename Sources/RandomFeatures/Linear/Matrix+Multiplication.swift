// MARK: - Products through OpenBLAS GEMM

extension Matrix {
    /// `self · otherᵀ`: for a batch X (n×d) and a projection W (m×d), the
    /// projected features Z = X Wᵀ (n×m), as one GEMM (ALGORITHMS.md §1).
    @inlinable
    public func multipliedByTranspose(of other: Matrix) -> Matrix {
        precondition(columns == other.columns, "inner dimensions differ: \(columns) vs \(other.columns)")
        if rows == 0 || other.rows == 0 || columns == 0 { return Matrix(rows: rows, columns: other.rows) }
        // β = 0: GEMM writes every entry of C without reading it, so C starts uninitialised.
        return .filled(rows: rows, columns: other.rows) { c in
            storage.withUnsafeBufferPointer { a in
                other.storage.withUnsafeBufferPointer { b in
                    Scalar.gemm(
                        transposeA: false, transposeB: true, m: rows, n: other.rows, k: columns,
                        alpha: 1, a: a.baseAddress!, lda: columns, b: b.baseAddress!, ldb: other.columns,
                        beta: 0, c: c, ldc: other.rows)
                }
            }
        }
    }

    /// `self · other`.
    @inlinable
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(columns == other.rows, "inner dimensions differ: \(columns) vs \(other.rows)")
        var result = Matrix(rows: rows, columns: other.columns)
        if rows == 0 || other.columns == 0 || columns == 0 { return result }
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    Scalar.gemm(
                        transposeA: false, transposeB: false, m: rows, n: other.columns, k: columns,
                        alpha: 1, a: a.baseAddress!, lda: columns, b: b.baseAddress!, ldb: other.columns,
                        beta: 0, c: c.baseAddress!, ldc: other.columns)
                }
            }
        }
        return result
    }
}
