import Estimators
import RandomFeatures

/// Input pairs from a user's data file (`--input FILE.csv|FILE.npy`): pair p
/// is (row 2p, row 2p+1); the first 2P rows are used.
public enum PairFile {
    public static func load(path: String, pairs: Int, flag: String = "--input") throws -> PairBatch {
        guard path.hasSuffix(".npy") || path.hasSuffix(".csv") else {
            throw RFToolError.usage("\(flag): expected protocol, sphere, sphere-angles, gaussian, uniform, uniform-cross or a file ending in .csv or .npy; got '\(path)'")
        }
        return try batch(from: DataFile.readMatrix(path: path, flag: flag), pairs: pairs, name: path, flag: flag)
    }

    public static func batch(from table: Matrix<Double>, pairs: Int, name: String, flag: String = "--input") throws -> PairBatch {
        guard table.rows >= 2 * pairs else {
            throw RFToolError.data("\(flag): '\(name)' has \(table.rows) rows; \(pairs) pairs need \(2 * pairs) (consecutive rows make a pair; lower --pairs to at most \(table.rows / 2))")
        }
        var x = Matrix<Double>(rows: pairs, columns: table.columns)
        var y = Matrix<Double>(rows: pairs, columns: table.columns)
        for p in 0..<pairs {
            for j in 0..<table.columns {
                x[p, j] = table[2 * p, j]
                y[p, j] = table[2 * p + 1, j]
            }
        }
        return PairBatch(x: x, y: y)
    }
}
