import Foundation
import Testing

/// Same seed, same bytes across processes: every process gets its own hash seed, so any number
/// that depends on a Dictionary's or a Set's iteration order (once the last digit of the
/// tensorsketch fourth moment did) differs between runs. Three runs of the rftool binary on a
/// grid whose plan computes every kind of theory (closed forms, lattice tables, quadrature) must
/// write identical files.
@Suite struct CrossProcessDeterminismTests {
    @Test func threeProcessesWriteTheSameBytes() throws {
        let binary = try #require(ShardedParallelScriptTests.rftoolBinary, "the rftool executable is built next to the tests")
        let dir = try temporaryFolder()
        var outputs: [Data] = []
        for run in 0..<3 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["variance-sweep", "--kernel", "polynomial,exp,gauss-activation",
                                 "--estimator", "tensorsketch,maclaurin,positive,urf", "--projection", "iid",
                                 "--dim", "6", "--features", "8,16", "--pairs", "4", "--trials", "20", "--seed", "11",
                                 "--quiet", "--out", "\(dir)/run\(run).csv"]
            process.standardError = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/run\(run).csv")))
        }
        #expect(outputs[0].count > 1000)
        #expect(outputs[1] == outputs[0])
        #expect(outputs[2] == outputs[0])
    }
}
