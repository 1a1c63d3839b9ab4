import ArgumentParser
import Testing
import RandomFeatures
@testable import RFToolCore
@testable import rftool

@Suite struct SamplingBenchmarkTests {
    @Test func countsParse() throws {
        #expect(try SamplingBenchmark.Configuration.parseCounts("1024") == [1024])
        #expect(try SamplingBenchmark.Configuration.parseCounts("1, 7,16777216") == [1, 7, 1 << 24])
    }

    @Test(arguments: ["0", "-1", "16777217", "abc", "", ",", "8,", "2^10"])
    func badCountsNameTheFlag(text: String) {
        do {
            _ = try SamplingBenchmark.Configuration.parseCounts(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.hasPrefix("--counts"))
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func defaults() throws {
        let command = try #require(try RFTool.parseAsRoot(["bench", "sampling"]) as? RFTool.BenchSampling)
        #expect(command.format == .text)
        #expect(try SamplingBenchmark.Configuration.parseCounts(command.counts)
                == SamplingBenchmark.Configuration.defaultCounts)
        #expect(command.samples == SamplingBenchmark.Configuration.defaultSamples)
    }

    @Test(arguments: [
        (["--format", "xml"], "--format"),
        (["--counts", "0"], "--counts"),
        (["--samples", "0"], "--samples"),
    ])
    func badFlagsExitWithUsageStatus(arguments: [String], flag: String) {
        do {
            _ = try RFTool.parseAsRoot(["bench", "sampling"] + arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(RFTool.exitCode(for: error).rawValue == 64)
            let message = RFTool.message(for: error)
            #expect(message.contains(flag), "\(message)")
            #expect(!message.contains("\n"), "\(message)")
        }
    }

    /// A tiny run: per count, the words baseline and one row per kernel, then the normals
    /// baseline and one row per kernel; each bulk routine passed its agreement check.
    /// (Structure only; no timing is asserted.)
    @Test func runProducesBaselineAndKernelRows() throws {
        let sets = HadamardInstructionSet.available
        let rows = try SamplingBenchmark.run(SamplingBenchmark.Configuration(counts: [1, 33], samples: 1))
        let perCount = ["next"] + sets.map { _ in "fill-words" } + ["sequential"] + sets.map { _ in "fill" }
        #expect(rows.map(\.name) == perCount + perCount)
        #expect(rows.map(\.count) == Array(repeating: 1, count: perCount.count) + Array(repeating: 33, count: perCount.count))
        #expect(rows.filter { $0.output == .words }.allSatisfy { $0.baseline == "next" })
        #expect(rows.filter { $0.output == .normal }.allSatisfy { $0.baseline == "sequential" })
        #expect(rows.filter { $0.kernel == "scalar" }.allSatisfy { $0.speedup == 1 })
        #expect(rows.filter { $0.name == "fill" }.map(\.kernel) == (sets + sets).map(\.rawValue))
        #expect(rows.allSatisfy { $0.nanosecondsPerValue > 0 })
    }

    @Test func csvHasTheDocumentedColumns() {
        let row = SamplingBenchmark.Row(output: .normal, name: "fill", kernel: "avx2", count: 1024,
                                        nanosecondsPerValue: 2.5, baseline: "sequential", speedup: 4.8)
        #expect(SamplingBenchmark.csv([row]) == """
            output,name,kernel,count,ns_per_value,values_per_second,baseline,speedup
            normal,fill,avx2,1024,2.5,400000000.0,sequential,4.8

            """)
    }
}
