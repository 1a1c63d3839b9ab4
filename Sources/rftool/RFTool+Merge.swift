import ArgumentParser
import RFToolCore

extension RFTool {
    /// `rftool merge`: joins `variance-sweep --shard` outputs.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Join the shards of a variance sweep into the files an unsharded run writes, byte for byte.")

        @Argument(help: "Shard files (NAME.shard-i-of-n.csv; their .summary.csv and .json are found beside them).")
        var files: [String] = []
        @Option(help: "Merged output CSV (the summary and sidecar are written beside it).") var out: String
        @Flag(help: "No summary line on stderr.") var quiet = false

        func run() throws {
            do {
                let outcome = try RFToolCore.Merge.run(inputs: files, out: out, quiet: quiet, commandLine: CommandLine.arguments)
                for line in outcome.acceptance.map(\.line) { print(line) }
                if outcome.failedChecks { throw ExitCode(1) }
            } catch let error as RFToolError {
                StandardError.line("rftool merge: \(error.message)")
                throw ExitCode(error.exitCode)
            }
        }
    }
}
