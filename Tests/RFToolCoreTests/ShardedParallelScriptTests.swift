import Estimators
import Foundation
import Testing

/// Runs tests/sharded_parallel.sh (GNU parallel over local slots, then
/// `rftool merge`, compared byte for byte with an unsharded run) against the
/// rftool binary built next to this test bundle.
@Suite struct ShardedParallelScriptTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var parallelInstalled: Bool {
        ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"].split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/parallel") }
    }

    /// The script's grid needs a real gaussian/trig estimator in the catalogue
    /// (the binary has no test-only estimators).
    static var catalogueHasGaussianTrig: Bool {
        EstimatorCatalog.all.contains { $0.kernel == "gaussian" && $0.estimator == "trig" }
    }

    /// `rftool` in the build folder of this test bundle.
    static var rftoolBinary: String? {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [bundle, bundle.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("rftool").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    @Test(.enabled(if: parallelInstalled, "GNU parallel is not installed (Debian package 'parallel')"),
          .enabled(if: catalogueHasGaussianTrig, "needs the gaussian/trig estimator in EstimatorCatalog"))
    func shardedSweepThroughGNUParallelMergesToUnshardedBytes() throws {
        let binary = try #require(Self.rftoolBinary, "the rftool executable was not found next to the test bundle")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.packageRoot.appendingPathComponent("tests/sharded_parallel.sh").path, binary]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "tests/sharded_parallel.sh failed:\n\(text)")
        #expect(text.contains("PASS"))
    }
}
