import RandomFeatures
import _TrigonometricKernels
import _TrigonometricKernelsAVX2
import _TrigonometricKernelsAVX512

extension TrigonometricColumns {
    /// The mean cosine of each row of `z` (P×m), without writing the P×m cosines:
    ///
    ///     means[p] = (1/m) Σⱼ cos(z[p, j])
    ///
    /// One thread, in the `DoubleCosSin.rowMeansOfCos` variant compiled for the best instruction
    /// set this processor runs. The sum is in eight lane-wise partial sums (j mod 8) combined in
    /// a fixed order (see `DoubleCosSin.rowMeansOfCos`), so the bits depend on neither the
    /// instruction set nor the thread count; they differ from the column-order sum only by
    /// rounding.
    static func rowMeansOfCos(_ z: Matrix<Double>) -> [Double] {
        let rows = z.rows, m = z.columns
        guard m > 0 else { return [Double](repeating: .nan, count: rows) }
        return [Double](unsafeUninitializedCapacity: rows) { means, initialized in
            z.storage.withUnsafeBufferPointer { zb in
                guard let zp = zb.baseAddress, let mp = means.baseAddress else { return }
                switch HadamardInstructionSet.best {
                case .avx512: DoubleCosSinAVX512.rowMeansOfCos(zp, columns: m, rows: 0..<rows, into: mp)
                case .avx2: DoubleCosSinAVX2.rowMeansOfCos(zp, columns: m, rows: 0..<rows, into: mp)
                case .portable: DoubleCosSin.rowMeansOfCos(zp, columns: m, rows: 0..<rows, into: mp)
                }
            }
            initialized = rows
        }
    }

    /// The mean cosine of every prefix of each row of `z` (P×m): result[i][p] is the mean of
    /// cos(z[p, j]) over j < prefixes[i] (ascending, each in 1...m), in one pass over each row
    /// (`DoubleCosSin.rowPrefixMeansOfCos` for the summation order).
    static func rowPrefixMeansOfCos(_ z: Matrix<Double>, prefixes: [Int]) -> [[Double]] {
        let rows = z.rows, m = z.columns, k = prefixes.count
        precondition(k > 0 && zip(prefixes, prefixes.dropFirst()).allSatisfy { $0 < $1 }
                     && prefixes[0] >= 1 && prefixes[k - 1] <= m, "prefixes must ascend within 1...m")
        let means = [Double](unsafeUninitializedCapacity: rows * k) { buffer, initialized in
            z.storage.withUnsafeBufferPointer { zb in
                prefixes.withUnsafeBufferPointer { ends in
                    guard let zp = zb.baseAddress, let mp = buffer.baseAddress else { return }
                    switch HadamardInstructionSet.best {
                    case .avx512: DoubleCosSinAVX512.rowPrefixMeansOfCos(zp, columns: m, prefixes: ends, rows: 0..<rows, into: mp)
                    case .avx2: DoubleCosSinAVX2.rowPrefixMeansOfCos(zp, columns: m, prefixes: ends, rows: 0..<rows, into: mp)
                    case .portable: DoubleCosSin.rowPrefixMeansOfCos(zp, columns: m, prefixes: ends, rows: 0..<rows, into: mp)
                    }
                }
            }
            initialized = rows * k
        }
        return (0..<k).map { i in (0..<rows).map { p in means[p * k + i] } }
    }
}
