import RandomFeatures

/// Comma-separated flag values (`--dim 16,64`), parsed strictly: an empty
/// list, an empty item or an item of the wrong type is a usage error (exit 64)
/// naming the flag and the accepted values.
public enum ListParsing {
    /// The trimmed items of `text`.
    public static func items(_ text: String, flag: String) throws -> [String] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !(items.count == 1 && items[0].isEmpty) else {
            throw RFToolError.usage("\(flag): empty list; give comma-separated values")
        }
        if items.contains(where: \.isEmpty) {
            throw RFToolError.usage("\(flag): empty item in '\(text)'; give comma-separated values without blanks")
        }
        return items
    }

    public static func names(_ text: String, flag: String) throws -> [String] {
        try items(text, flag: flag)
    }

    /// Integers ≥ `minimum`.
    public static func integers(_ text: String, flag: String, minimum: Int = 1) throws -> [Int] {
        try items(text, flag: flag).map { item in
            guard let v = Int(item), v >= minimum else {
                throw RFToolError.usage("\(flag): '\(item)' is not an integer ≥ \(minimum) (in '\(text)')")
            }
            return v
        }
    }

    /// Finite numbers, positive when `positive`.
    public static func numbers(_ text: String, flag: String, positive: Bool = false) throws -> [Double] {
        try items(text, flag: flag).map { item in
            guard let v = Double(item), v.isFinite, !positive || v > 0 else {
                throw RFToolError.usage("\(flag): '\(item)' is not a \(positive ? "positive " : "")finite number (in '\(text)')")
            }
            return v
        }
    }

    public static func projections(_ text: String, flag: String = "--projection") throws -> [ProjectionKind] {
        try items(text, flag: flag).map { item in
            guard let kind = ProjectionKind(rawValue: item) else {
                throw RFToolError.usage("\(flag): unknown projection '\(item)'; valid projections: \(ProjectionKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
    }
}

import Foundation
