// MARK: - CSV and text renderings of projection benchmark rows

extension ProjectionBenchmark {
    public typealias Format = TransformBenchmark.Format

    /// The rows in `format`, ending with a newline.
    public static func render(_ rows: [Row], as format: Format) -> String {
        switch format {
        case .csv: csv(rows)
        case .text: table(rows)
        }
    }

    /// `projection,n,d,m,precision,median_ms,dense_ms,speedup_vs_dense`, one line per row.
    public static func csv(_ rows: [Row]) -> String {
        var lines = [CSVFormat.line(csvHeader)]
        for row in rows {
            lines.append(CSVFormat.line([
                CSVFormat.text(row.projection), CSVFormat.number(row.n), CSVFormat.number(row.d),
                CSVFormat.number(row.m), CSVFormat.text(row.precision.rawValue),
                CSVFormat.number(row.medianMilliseconds), CSVFormat.number(row.denseMilliseconds),
                CSVFormat.number(row.speedupVersusDense),
            ]))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An aligned table with the CSV's columns; times to three significant digits.
    public static func table(_ rows: [Row]) -> String {
        let header = csvHeader
        let body = rows.map { row in
            [row.projection, String(row.n), String(row.d), String(row.m), row.precision.rawValue,
             TransformBenchmark.threeSignificant(row.medianMilliseconds),
             TransformBenchmark.threeSignificant(row.denseMilliseconds),
             TransformBenchmark.threeSignificant(row.speedupVersusDense) + "×"]
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

import Foundation
