import Estimators
import Foundation

/// The result of `rftool estimate` and its three renderings. The keys are the
/// issue's contract: kernel, estimator, projection, dim, features, trials, seed,
/// exact, mean, variance, stderr, bias, mse, variance_theory (null when absent).
public struct EstimateReport: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, json, csv
    }

    public let configuration: EstimateConfiguration
    public let statistics: CellStatistics

    /// The fields in contract order; `nil` is "absent" (JSON null, empty CSV cell).
    public enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int)
        case unsigned(UInt64)
        case number(Double?)
    }

    public static let keys = ["kernel", "estimator", "projection", "dim", "features", "trials", "seed",
                              "exact", "mean", "variance", "stderr", "bias", "mse", "variance_theory"]

    public var fields: [(key: String, value: Value)] {
        let c = configuration, s = statistics
        let values: [Value] = [
            .text(c.kernel), .text(c.estimator), .text(c.projection.rawValue), .integer(c.dimension),
            .integer(c.features), .integer(c.trials), .unsigned(c.seed),
            .number(s.exact), .number(s.mean), .number(s.variance), .number(s.biasSE), .number(s.bias),
            .number(s.mse), .number(s.varianceTheory),
        ]
        return Array(zip(Self.keys, values)).map { (key: $0.0, value: $0.1) }
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .json: return json()
        case .csv: return csv()
        case .text: return text()
        }
    }

    /// One JSON object on one line. Non-finite numbers (JSON has none) are null.
    func json() -> String {
        let body = fields.map { field -> String in
            let value: String
            switch field.value {
            case .text(let t): value = Self.jsonString(t)
            case .integer(let i): value = String(i)
            case .unsigned(let u): value = String(u)
            case .number(let d): value = d.flatMap { $0.isFinite ? $0.description : nil } ?? "null"
            }
            return "\(Self.jsonString(field.key)):\(value)"
        }
        return "{" + body.joined(separator: ",") + "}\n"
    }

    /// A header and one row (CSVFormat: shortest round-trip numbers, empty for absent).
    func csv() -> String {
        let row = fields.map { field -> String in
            switch field.value {
            case .text(let t): return CSVFormat.text(t)
            case .integer(let i): return CSVFormat.number(i)
            case .unsigned(let u): return String(u)
            case .number(let d): return CSVFormat.number(d)
            }
        }
        return CSVFormat.line(Self.keys) + "\n" + CSVFormat.line(row) + "\n"
    }

    /// An aligned two-column table.
    func text() -> String {
        let width = Self.keys.map(\.count).max()!
        return fields.map { field -> String in
            let value: String
            switch field.value {
            case .text(let t): value = t
            case .integer(let i): value = String(i)
            case .unsigned(let u): value = String(u)
            case .number(let d): value = d.map { $0.description } ?? "null (no closed form for this projection)"
            }
            return field.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value
        }.joined(separator: "\n") + "\n"
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
