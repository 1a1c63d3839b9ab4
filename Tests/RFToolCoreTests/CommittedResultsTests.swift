import Foundation
import Testing
@testable import RFToolCore

/// The sweep results committed in `results/` (so a reader sees them without
/// running anything) still parse and have the documented columns: for every
/// preset, `NAME.csv` (or the shards that ran) and `NAME.summary.csv` with exactly the header of
/// `SweepTable` (point-wise) or `GramTable` (`--gram`), every row as wide as the
/// header, every numeric column a number (or empty for a missing value), and a
/// sidecar `NAME.json` that `RunMetadata` reads.
@Suite struct CommittedResultsTests {
    static let results = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("results").path

    /// Presets whose results may be missing, with the reason. `protocol` is
    /// committed merged from 8 shards; were only some shards committed
    /// (`protocol.shard-i-of-n.*`), they would be checked instead.
    static let notCommitted: [String: String] = [
        "protocol": "ALGORITHMS.md §7.1 in full (1568 cells × 1000 trials) did not fit the session on two shared cores",
    ]

    static let textColumns: Set<String> = ["kernel", "estimator", "projection", "coefficients", "urf_m", "pairs_from"]

    /// RFC 4180 fields of one line (quoted fields may hold commas).
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { field.append("\"") } else { quoted = false; if n == "," { out.append(field); field = "" } else { field.append(n) } }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { out.append(field); field = "" } else { field.append(c) }
        }
        out.append(field)
        return out
    }

    /// `expected`, or — for files written before the last `appended` columns existed — a
    /// header that stops before some of them (`SweepTable.addedColumns`).
    static func check(path: String, expected: [String], appended: [String] = []) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count >= 2, "\(path) has no data rows")
        let header = fields(lines[0])
        precondition(expected.suffix(appended.count).elementsEqual(appended))
        let accepted = (0...appended.count).map { Array(expected.dropLast($0)) }
        #expect(accepted.contains(header), "\(path): header \(header)")
        for (i, line) in lines.dropFirst().enumerated() {
            let row = fields(line)
            guard row.count == header.count else {
                Issue.record("\(path) line \(i + 2): \(row.count) fields, header has \(header.count)")
                return
            }
            for (name, value) in zip(header, row) where !textColumns.contains(name) && !value.isEmpty {
                if Double(value) == nil {
                    Issue.record("\(path) line \(i + 2), column \(name): '\(value)' is not a number")
                    return
                }
            }
        }
    }

    /// The committed stems of a preset: `NAME`, or the shards `NAME.shard-i-of-n` that ran.
    static func stems(_ name: String) -> [String] {
        if FileManager.default.fileExists(atPath: "\(results)/\(name).csv") { return ["\(results)/\(name)"] }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: results)) ?? []
        return files.filter { $0.hasPrefix("\(name).shard-") && $0.hasSuffix(".csv") && !$0.hasSuffix(".summary.csv") }
            .sorted().map { "\(results)/\($0.dropLast(4))" }
    }

    @Test(arguments: SweepPreset.all.map(\.name))
    func presetResultsParse(_ name: String) throws {
        let stems = Self.stems(name)
        guard !stems.isEmpty else {
            #expect(Self.notCommitted[name] != nil, "results/\(name).csv is not committed")
            return
        }
        let preset = try SweepPreset.named(name)
        for stem in stems {
            try Self.check(path: stem + ".csv", expected: preset.gram ? GramTable.columns : SweepTable.columns,
                           appended: preset.gram ? [] : SweepTable.addedColumns)
            try Self.check(path: stem + ".summary.csv", expected: preset.gram ? GramTable.summaryColumns : SweepTable.summaryColumns)
            let metadata = try RunMetadata.read(path: stem + ".json")
            #expect(metadata.preset == name)
            #expect(metadata.mode == (preset.gram ? "gram" : nil))
        }
    }
}
