// MARK: - CSV and text renderings of transform benchmark rows

extension TransformBenchmark {
    /// Output formats of `rftool bench transforms`.
    public enum Format: String, CaseIterable, Sendable {
        /// An aligned table for people (default).
        case text
        /// `name,n,precision,median_ns,baseline,speedup` (STYLE.md §5).
        case csv
    }

    /// The rows in `format`, ending with a newline.
    public static func render(_ rows: [Row], as format: Format) -> String {
        switch format {
        case .csv: csv(rows)
        case .text: table(rows)
        }
    }

    /// Header and one line per row; numbers as Swift's shortest round-trip text.
    public static func csv(_ rows: [Row]) -> String {
        var lines = [CSVFormat.line(csvHeader)]
        for row in rows {
            lines.append(CSVFormat.line([
                CSVFormat.text(row.name), CSVFormat.number(row.n), CSVFormat.text(row.precision.rawValue),
                CSVFormat.number(row.medianNanoseconds), CSVFormat.text(row.baseline),
                CSVFormat.number(row.speedup),
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An aligned table: median with a unit, speedup over the baseline with an ×.
    public static func table(_ rows: [Row]) -> String {
        let header = ["transform", "n", "precision", "median", "speedup vs " + fftwName]
        let body = rows.map { row in
            [row.name, "2^\(row.n.trailingZeroBitCount)", row.precision.rawValue,
             duration(row.medianNanoseconds), threeSignificant(row.speedup) + "×"]
        }
        let all = [header] + body
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            zip(cells, widths).map { cell, width in cell.padding(toLength: width, withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }

    /// Nanoseconds as ns, µs, ms or s, to three significant digits.
    static func duration(_ nanoseconds: Double) -> String {
        var value = nanoseconds
        for unit in ["ns", "µs", "ms"] {
            if abs(value) < 999.5 { return threeSignificant(value) + " " + unit }
            value /= 1000
        }
        return threeSignificant(value) + " s"
    }

    /// Three significant digits, without a trailing ".0".
    static func threeSignificant(_ value: Double) -> String {
        guard value.isFinite, value != 0 else { return value.description }
        let magnitude = abs(value)
        let places = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3
        let text = rounded(value, places: places).description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

import Foundation
