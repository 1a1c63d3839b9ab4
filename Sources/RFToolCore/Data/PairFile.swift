import Estimators
import RandomFeatures

/// Input pairs from a user's data file (`--input FILE.csv|FILE.npy`): pair p
/// is (row 2p, row 2p+1); the first 2P rows are used.
public enum PairFile {
    public static func load(path: String, pairs: Int, flag: String = "--input") throws -> PairBatch {
        let table: NumericTable
        if path.hasSuffix(".npy") {
            table = try NPYReader.read(path: path, flag: flag)
        } else if path.hasSuffix(".csv") {
            table = try CSVTableReader.read(path: path, flag: flag)
        } else {
            throw RFToolError.usage("\(flag): expected sphere, gaussian, uniform or a file ending in .csv or .npy; got '\(path)'")
        }
        return try batch(from: table, pairs: pairs, name: path, flag: flag)
    }

    public static func batch(from table: NumericTable, pairs: Int, name: String, flag: String = "--input") throws -> PairBatch {
        guard table.columns >= 1 else { throw RFToolError.data("\(flag): '\(name)' has no columns") }
        guard table.rows >= 2 * pairs else {
            throw RFToolError.data("\(flag): '\(name)' has \(table.rows) rows; \(pairs) pairs need \(2 * pairs) (consecutive rows make a pair; lower --pairs to at most \(table.rows / 2))")
        }
        var x = Matrix<Double>(rows: pairs, columns: table.columns)
        var y = Matrix<Double>(rows: pairs, columns: table.columns)
        for p in 0..<pairs {
            for (j, v) in table.row(2 * p).enumerated() { x[p, j] = v }
            for (j, v) in table.row(2 * p + 1).enumerated() { y[p, j] = v }
        }
        return PairBatch(x: x, y: y)
    }
}
