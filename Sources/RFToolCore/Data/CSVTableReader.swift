import Foundation

/// Reads a CSV file of numbers, one observation a row.
///
/// Accepted: comma-separated finite numbers, every row the same length; an
/// optional first line of column names (every field non-numeric, as in
/// `pixel_0,pixel_1,…`); blank lines at the end. Refused with a `.data` error
/// (exit 65) naming the line and column: ragged rows, text in a data row,
/// NaN or infinite values, an empty file.
public enum CSVTableReader {
    public static func read(path: String, flag: String) throws -> NumericTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RFToolError.data("\(flag): cannot read '\(path)'")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RFToolError.data("\(flag): '\(path)' is not UTF-8 text")
        }
        return try parse(text, name: path, flag: flag)
    }

    public static func parse(_ text: String, name: String, flag: String) throws -> NumericTable {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard !lines.isEmpty else { throw RFToolError.data("\(flag): '\(name)' is empty") }
        var first = 0
        let headerFields = fields(lines[0])
        if headerFields.allSatisfy({ Double($0) == nil }) { first = 1 }
        guard lines.count > first else { throw RFToolError.data("\(flag): '\(name)' has a header but no data rows") }
        var values: [Double] = []
        var columns = -1
        for i in first..<lines.count {
            let row = fields(lines[i])
            if columns < 0 { columns = row.count }
            guard row.count == columns else {
                throw RFToolError.data("\(flag): '\(name)' line \(i + 1) has \(row.count) fields, expected \(columns) (ragged rows)")
            }
            for (j, field) in row.enumerated() {
                guard let v = Double(field) else {
                    throw RFToolError.data("\(flag): '\(name)' line \(i + 1) column \(j + 1): '\(field)' is not a number")
                }
                guard v.isFinite else {
                    throw RFToolError.data("\(flag): '\(name)' line \(i + 1) column \(j + 1): \(field) is not finite")
                }
                values.append(v)
            }
        }
        return NumericTable(rows: lines.count - first, columns: columns, values: values)
    }

    private static func fields(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
