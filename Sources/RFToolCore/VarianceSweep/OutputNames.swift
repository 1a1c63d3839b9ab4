/// The files one sweep writes, from `--out results/NAME.csv`:
/// `NAME.csv` (one row per cell and pair), `NAME.summary.csv` (one row per
/// cell) and `NAME.json` (the sidecar). A shard writes `NAME.shard-i-of-n.csv`,
/// `.summary.csv` and `.json`.
public struct OutputNames: Sendable, Equatable {
    /// The path without `.csv`.
    public let stem: String

    public init(stem: String) { self.stem = stem }

    /// From an `--out` value, which must end in `.csv`.
    public init(out: String, flag: String = "--out") throws {
        guard out.hasSuffix(".csv"), out.count > 4, !out.hasSuffix("/.csv") else {
            throw RFToolError.usage("\(flag): the output must be a file name ending in .csv (for example results/sweep.csv); got '\(out)'")
        }
        guard !out.hasSuffix(".summary.csv") else {
            throw RFToolError.usage("\(flag): '\(out)' ends in .summary.csv, which names the summary written beside NAME.csv; give NAME.csv")
        }
        stem = String(out.dropLast(4))
    }

    public var csv: String { stem + ".csv" }
    public var summaryCSV: String { stem + ".summary.csv" }
    public var sidecar: String { stem + ".json" }

    public func sharded(_ shard: ShardSpec?) -> OutputNames {
        guard let shard else { return self }
        return OutputNames(stem: "\(stem).\(shard.suffix)")
    }

    /// The names of a shard output given any of its three files
    /// (`NAME.shard-0-of-3.csv`, `.summary.csv` or `.json`), so a shell glob
    /// such as `NAME.shard-*.csv` may list summaries too.
    public static func ofAnyFile(_ path: String) -> OutputNames? {
        for suffix in [".summary.csv", ".csv", ".json"] where path.hasSuffix(suffix) {
            return OutputNames(stem: String(path.dropLast(suffix.count)))
        }
        return nil
    }
}
