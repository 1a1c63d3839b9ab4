import Estimators
import Foundation

/// `rftool merge`: joins the shards of one sweep (`--shard i/n` runs) into the
/// files an unsharded run writes, byte for byte.
///
/// Each shard is three files, `NAME.shard-i-of-n.csv`, `.summary.csv` and
/// `.json`; any of them may be named (so `NAME.shard-*.csv`, which also
/// matches the summaries, works). The sidecars must agree on the plan
/// fingerprint and on n, and name every shard 0…n−1 exactly once; together the
/// shards must hold every cell of the plan once. Rows are then ordered by
/// (cell, pair), the order of an unsharded run, keeping their text unchanged.
/// When the shards ran a preset with acceptance checks, the checks run on the
/// merged rows (they cannot run on a single shard).
public enum Merge {
    public struct Outcome: Sendable {
        public let files: OutputNames
        public let shards: Int
        public let cells: Int
        public let rows: Int
        /// The preset's acceptance checks, evaluated on the merged rows (empty for custom grids).
        public let acceptance: [AcceptanceOutcome]
        public var failedChecks: Bool { acceptance.contains { $0.status == .fail } }
    }

    public static func run(inputs: [String], out: String, quiet: Bool = false, commandLine: [String] = [],
                           log: (String) -> Void = StandardError.line) throws -> Outcome {
        let started = Date()
        guard !inputs.isEmpty else {
            throw RFToolError.usage("no input files; give the shard files, e.g. results/NAME.shard-*.csv")
        }
        let output = try OutputNames(out: out)
        var shards: [OutputNames] = []
        for input in inputs {
            guard let names = OutputNames.ofAnyFile(input) else {
                throw RFToolError.usage("'\(input)' is not a shard file (expected NAME.shard-i-of-n.csv, .summary.csv or .json)")
            }
            if !shards.contains(names) { shards.append(names) }
        }
        let metadata = try shards.map { try RunMetadata.read(path: $0.sidecar) }
        let first = metadata[0]
        var seen = [Bool](repeating: false, count: 0)
        for (names, m) in zip(shards, metadata) {
            guard let shard = m.shard else {
                throw RFToolError.data("'\(names.csv)' is not a shard (its sidecar has no shard); only --shard outputs are merged")
            }
            guard m.planFingerprint == first.planFingerprint else {
                throw RFToolError.data("'\(names.csv)' belongs to another sweep (plan \(m.planFingerprint), not \(first.planFingerprint))")
            }
            guard shard.count == first.shard!.count else {
                throw RFToolError.data("'\(names.csv)' is shard \(shard.index)/\(shard.count), but '\(shards[0].csv)' is one of \(first.shard!.count)")
            }
            if seen.isEmpty { seen = [Bool](repeating: false, count: shard.count) }
            guard !seen[shard.index] else { throw RFToolError.data("shard \(shard.index)/\(shard.count) is given twice") }
            seen[shard.index] = true
        }
        if let missing = seen.firstIndex(of: false) {
            throw RFToolError.data("shard \(missing)/\(seen.count) is missing (have \(shards.count) of \(seen.count))")
        }

        let main = try join(shards.map(\.csv), keys: ["cell", "pair"])
        let summary = try join(shards.map(\.summaryCSV), keys: ["cell"])
        let cells = summary.rows.map { $0.key[0] }
        guard cells == Array(0..<first.cellsPlanned) else {
            throw RFToolError.data("the shards hold \(cells.count) cells, but the plan has \(first.cellsPlanned) (cells missing or repeated)")
        }
        guard Set(main.rows.map { $0.key[0] }) == Set(cells) else {
            throw RFToolError.data("the per-pair rows and the summaries of the shards cover different cells")
        }

        var acceptance: [AcceptanceOutcome] = []
        if let presetName = first.preset, let preset = SweepPreset.all.first(where: { $0.name == presetName }), !preset.checks.isEmpty {
            let cells = try SweepTable.checkCells(csv: main.text, name: output.csv)
            acceptance = preset.checks.flatMap { $0.evaluate(cells) }
        }
        var merged = first
        merged.command = "merge"
        merged.commandLine = commandLine
        merged.shard = nil
        merged.cellsInFile = first.cellsPlanned
        merged.threads = 1
        merged.gitCommit = RunMetadata.gitCommit()
        merged.machine = RunMetadata.machine()
        merged.startedAt = RunMetadata.timestamp(started)
        merged.runSeconds = Date().timeIntervalSince(started)
        merged.files = ["csv": output.csv, "summary_csv": output.summaryCSV]
        merged.acceptance = acceptance.isEmpty ? nil : acceptance.map { .init(check: $0.check, status: $0.status.rawValue, detail: $0.detail) }
        merged.mergedFrom = shards.map(\.csv)
        try AtomicFileGroup.write([
            (path: output.csv, text: main.text),
            (path: output.summaryCSV, text: summary.text),
            (path: output.sidecar, text: try merged.json()),
        ])
        if !quiet {
            log("merge: \(shards.count) shards, \(cells.count) cells, \(main.rows.count) rows → \(output.csv), \(output.summaryCSV), \(output.sidecar)")
        }
        return Outcome(files: output, shards: shards.count, cells: cells.count, rows: main.rows.count, acceptance: acceptance)
    }

    struct Joined {
        let header: String
        let rows: [(key: [Int], line: Substring)]
        var text: String {
            var s = header + "\n"
            for r in rows { s += r.line + "\n" }
            return s
        }
    }

    /// The rows of `paths` under their common header, ordered by the integer
    /// columns `keys`; a repeated key is an error.
    static func join(_ paths: [String], keys: [String]) throws -> Joined {
        var header: String? = nil
        var keyColumns: [Int] = []
        var rows: [(key: [Int], line: Substring)] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RFToolError.data("cannot read '\(path)'")
            }
            let text = String(decoding: data, as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.last == "" else { throw RFToolError.data("'\(path)' does not end in a newline (truncated?)") }
            lines.removeLast()
            guard let head = lines.first else { throw RFToolError.data("'\(path)' is empty") }
            if let header {
                guard head == header else { throw RFToolError.data("'\(path)' has a different header from '\(paths[0])'") }
            } else {
                header = String(head)
                let names = CSVFields.split(head)
                keyColumns = try keys.map { key in
                    guard let i = names.firstIndex(of: key) else {
                        throw RFToolError.data("'\(path)' has no '\(key)' column; is it an rftool variance-sweep output?")
                    }
                    return i
                }
            }
            for (n, line) in lines.dropFirst().enumerated() {
                let fields = CSVFields.split(line)
                let key = try keyColumns.map { i -> Int in
                    guard i < fields.count, let v = Int(fields[i]) else {
                        throw RFToolError.data("'\(path)' line \(n + 2): no integer in column \(keys[keyColumns.firstIndex(of: i)!])")
                    }
                    return v
                }
                rows.append((key, line))
            }
        }
        rows.sort { $0.key.lexicographicallyPrecedes($1.key) }
        for i in rows.indices.dropFirst() where rows[i].key == rows[i - 1].key {
            throw RFToolError.data("the row with \(zip(keys, rows[i].key).map { "\($0) = \($1)" }.joined(separator: ", ")) appears twice")
        }
        return Joined(header: header ?? "", rows: rows)
    }
}

/// Splits one CSV line into fields (RFC 4180 quoting; no newlines inside fields).
enum CSVFields {
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let ch = line[i]
            if quoted {
                if ch == "\"" {
                    let next = line.index(after: i)
                    if next < line.endIndex && line[next] == "\"" {
                        current.append("\"")
                        i = next
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                quoted = true
            } else if ch == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            i = line.index(after: i)
        }
        fields.append(current)
        return fields
    }
}
