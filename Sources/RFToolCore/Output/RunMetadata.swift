import CGSL
import CBLAS
import Foundation

/// The JSON sidecar `NAME.json` written next to `NAME.csv`: what is needed to
/// reproduce and to judge a run, while the CSV holds only data (STYLE.md §5).
public struct RunMetadata: Codable, Sendable {
    public struct Machine: Codable, Sendable {
        public var hostname: String
        public var os: String
        public var cpu: String
        public var cores: Int
    }
    public struct Shard: Codable, Sendable {
        public var index: Int
        public var count: Int
    }
    public var command: String = "variance-sweep"
    public var commandLine: [String]
    public var seed: UInt64
    public var version: String = RFToolVersion.string
    public var gitCommit: String
    public var machine: Machine
    public var threads: Int
    public var runSeconds: Double
    public var startedAt: String
    public var preset: String?
    public var trials: Int
    public var pairs: Int
    /// Cells in the whole plan, and in this file (a shard holds a slice).
    public var cellsPlanned: Int
    public var cellsInFile: Int
    public var shard: Shard?
    /// Identifies the plan; shards of one sweep share it.
    public var planFingerprint: String
    /// `nested` (cells that differ only in m share each trial's draw) or `independent`
    /// (`--independent-features`); absent in files written before the option existed.
    public var featureDesign: String? = nil
    /// The combinations the plan dropped, one line each.
    public var skipped: [String]
    public var libraries: [String: String]
    public var files: [String: String]
    public var acceptance: [AcceptanceLine]?
    /// For a merged result: the shard files it was joined from.
    public var mergedFrom: [String]?
    /// `gram` for a `--gram` run (per-trial Gram errors), absent for point-wise sweeps.
    public var mode: String? = nil
    /// For a `--gram` run: n, the points of each of the two sets, and how they were made.
    public var gramPoints: Int? = nil
    public var gramPointsFrom: String? = nil

    public struct AcceptanceLine: Codable, Sendable {
        public var check: String
        public var status: String
        public var detail: String
    }

    enum CodingKeys: String, CodingKey {
        case command, commandLine = "command_line", seed, version, gitCommit = "git_commit", machine, threads
        case runSeconds = "run_seconds", startedAt = "started_at", preset, trials, pairs
        case cellsPlanned = "cells_planned", cellsInFile = "cells_in_file", shard
        case planFingerprint = "plan_fingerprint", featureDesign = "feature_design", skipped, libraries, files, acceptance
        case mergedFrom = "merged_from"
        case mode, gramPoints = "gram_points", gramPointsFrom = "gram_points_from"
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public static func read(path: String) throws -> RunMetadata {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RFToolError.data("cannot read sidecar '\(path)'")
        }
        do {
            return try JSONDecoder().decode(RunMetadata.self, from: data)
        } catch {
            throw RFToolError.data("'\(path)' is not an rftool sidecar: \(error)")
        }
    }

    // MARK: - Facts about this process

    /// `git rev-parse HEAD` in the current folder, or "" when git or a repository is missing.
    public static func gitCommit() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return ""
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return "" }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func machine() -> Machine {
        let info = ProcessInfo.processInfo
        var cpu = ""
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Machine(hostname: info.hostName, os: info.operatingSystemVersionString, cpu: cpu,
                       cores: info.activeProcessorCount)
    }

    public static func libraries() -> [String: String] {
        [
            "gsl": String(cString: cgsl_version()),
            "openblas": String(cString: openblas_get_config()),
        ]
    }

    public static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
