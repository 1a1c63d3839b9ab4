import Foundation

// MARK: - CSV and text renderings of sampling benchmark rows

extension SamplingBenchmark {
    /// The rows in `format` (the formats of `rftool bench transforms`), ending with a newline.
    public static func render(_ rows: [Row], as format: TransformBenchmark.Format) -> String {
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
                CSVFormat.text(row.output.rawValue), CSVFormat.text(row.name), CSVFormat.text(row.kernel),
                CSVFormat.number(row.count), CSVFormat.number(row.nanosecondsPerValue),
                CSVFormat.number(TransformBenchmark.rounded(row.valuesPerSecond, places: 0)),
                CSVFormat.text(row.baseline), CSVFormat.number(row.speedup),
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An aligned table: time per value, millions of values per second, speedup with an ×.
    public static func table(_ rows: [Row]) -> String {
        let header = ["output", "routine", "kernel", "count", "per value", "M/s", "speedup"]
        let body = rows.map { row in
            [row.output.rawValue, row.name, row.kernel, String(row.count),
             TransformBenchmark.duration(row.nanosecondsPerValue),
             TransformBenchmark.threeSignificant(row.valuesPerSecond / 1e6),
             TransformBenchmark.threeSignificant(row.speedup) + "× vs " + row.baseline]
        }
        let all = [header] + body
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            zip(cells, widths).map { cell, width in cell.padding(toLength: width, withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n") + "\n"
    }
}
