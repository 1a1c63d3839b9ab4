import Foundation
import RandomFeatures

/// Reads a user's numeric data file (`.npy` or `.csv`, one point a row) for any
/// command: every reader error is one line naming the flag and the file.
public enum DataFile {
    /// The whole file as a Double matrix with at least one row and one column,
    /// every entry finite. `flag` names the option in error messages.
    public static func readMatrix(path: String, flag: String) throws -> Matrix<Double> {
        let isNPY = path.hasSuffix(".npy")
        guard isNPY || path.hasSuffix(".csv") else {
            throw RFToolError.usage("\(flag): expected a file ending in .csv or .npy; got '\(path)'")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RFToolError.data("\(flag): cannot read '\(path)': \(error.localizedDescription)")
        }
        return try parse(data, isNPY: isNPY, flag: flag, path: path)
    }

    /// Parses the bytes of a `.npy` (`isNPY`) or `.csv` file.
    public static func parse(_ data: Data, isNPY: Bool, flag: String, path: String) throws -> Matrix<Double> {
        let matrix: Matrix<Double>
        if isNPY {
            matrix = try NPY.read(data, flag: flag, path: path).matrix
            if let bad = matrix.storage.firstIndex(where: { !$0.isFinite }) {
                let columns = max(matrix.columns, 1)
                throw RFToolError.data("\(flag): \(path) row \(bad / columns + 1) column \(bad % columns + 1) holds \(matrix.storage[bad]); NaN and inf are refused")
            }
        } else {
            guard let text = String(data: data, encoding: .utf8) else {
                throw RFToolError.data("\(flag): \(path) is not UTF-8 text")
            }
            matrix = try CSVMatrixReader.read(text, flag: flag, path: path)
        }
        guard matrix.rows >= 1, matrix.columns >= 1 else {
            throw RFToolError.data("\(flag): \(path) has no data (shape \(matrix.rows)×\(matrix.columns))")
        }
        return matrix
    }
}
