import Foundation
import RandomFeatures

/// Reads a numeric CSV file into a matrix, one data row per line.
///
/// - The first line is a header when none of its cells is a number (then it is skipped).
/// - Every other line must hold the same number of comma-separated finite numbers;
///   surrounding spaces are allowed, blank lines at the end are ignored.
/// - A ragged row, a text cell, or NaN/inf is refused with one line naming the flag,
///   the file and the line number.
public enum CSVMatrixReader {
    public static func read(_ text: String, flag: String, path: String) throws -> Matrix<Double> {
        // "\r\n" is one Character in Swift, and a newline: split on either ending.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard !lines.isEmpty else { throw RFToolError.data("\(flag): \(path) has no rows") }

        func cells(_ line: Substring) -> [String] {
            line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        }
        var first = 0
        if cells(lines[0]).allSatisfy({ Double($0) == nil }) { first = 1 }   // a header row
        guard first < lines.count else { throw RFToolError.data("\(flag): \(path) has a header but no data rows") }

        let columns = cells(lines[first]).count
        var values = [Double]()
        values.reserveCapacity(columns * (lines.count - first))
        for lineIndex in first..<lines.count {
            let row = cells(lines[lineIndex])
            let lineNumber = lineIndex + 1
            guard row.count == columns else {
                throw RFToolError.data("\(flag): \(path) line \(lineNumber) has \(row.count) values, expected \(columns) (ragged rows)")
            }
            for (k, cell) in row.enumerated() {
                guard let v = Double(cell) else {
                    throw RFToolError.data("\(flag): \(path) line \(lineNumber), column \(k + 1): '\(cell)' is not a number")
                }
                guard v.isFinite else {
                    throw RFToolError.data("\(flag): \(path) line \(lineNumber), column \(k + 1): '\(cell)' is not a finite number (NaN and inf are refused)")
                }
                values.append(v)
            }
        }
        return Matrix(rows: lines.count - first, columns: columns, storage: values)
    }
}

/// Writes a feature matrix as CSV: a header `feature_0,…,feature_{w−1}` (which
/// `CSVMatrixReader` skips), then one row per input row, each value as the shortest
/// text that reads back to the same Float or Double (STYLE.md §5).
public enum CSVMatrixWriter {
    public static func encode<S: BLASScalar>(_ matrix: Matrix<S>) -> Data {
        var text = (0..<matrix.columns).map { "feature_\($0)" }.joined(separator: ",") + "\n"
        text.reserveCapacity(text.count + matrix.storage.count * 12)
        for p in 0..<matrix.rows {
            for k in 0..<matrix.columns {
                if k > 0 { text += "," }
                let v = matrix.storage[p * matrix.columns + k]
                if let f = v as? Float { text += f.description } else { text += v.doubleValue.description }
            }
            text += "\n"
        }
        return Data(text.utf8)
    }
}
