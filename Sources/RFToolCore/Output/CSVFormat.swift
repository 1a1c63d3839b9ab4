/// How rftool writes CSV cells (STYLE.md §5): plain numbers that round-trip a
/// Double (Swift's shortest `description`), an empty cell for a missing value,
/// RFC 4180 quoting for text that needs it.
public enum CSVFormat {
    /// A Double as the shortest text that reads back to the same value; nil, NaN → "".
    public static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else {
            if let value, value.isInfinite { return value > 0 ? "inf" : "-inf" }
            return ""
        }
        return value.description
    }

    public static func number(_ value: Int) -> String { String(value) }

    /// A text field, quoted per RFC 4180 when it holds a comma, quote or newline.
    public static func text(_ value: String) -> String {
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// One CSV line (without the newline).
    public static func line(_ cells: [String]) -> String { cells.joined(separator: ",") }
}

import Foundation
