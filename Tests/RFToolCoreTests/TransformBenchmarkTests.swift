import ArgumentParser
import Testing
@testable import RFToolCore
@testable import rftool

@Suite struct TransformBenchmarkTests {
    // MARK: - --sizes

    @Test func sizesAcceptPowersOfTwoInBothSpellings() throws {
        #expect(try TransformBenchmark.Configuration.parseSizes("1024") == [1024])
        #expect(try TransformBenchmark.Configuration.parseSizes("2^10, 65536,2^24") == [1024, 65536, 1 << 24])
        #expect(try TransformBenchmark.Configuration.parseSizes("2") == [2])
    }

    @Test(arguments: ["1000", "1", "0", "-4", "2^25", "33554432", "2^x", "abc", "", ",", "1024,", "2^10,,2^12"])
    func badSizesNameTheFlag(text: String) {
        do {
            _ = try TransformBenchmark.Configuration.parseSizes(text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.hasPrefix("--sizes"))
            #expect(!error.message.contains("\n"))
        }
    }

    // MARK: - Command line

    @Test func defaultsAreTextAndTheDocumentedSizes() throws {
        let command = try #require(
            try RFTool.parseAsRoot(["bench", "transforms"]) as? RFTool.BenchTransforms)
        #expect(command.format == .text)
        #expect(try TransformBenchmark.Configuration.parseSizes(command.sizes)
                == TransformBenchmark.Configuration.defaultSizes)
        #expect(command.samples == TransformBenchmark.Configuration.defaultSamples)
    }

    @Test(arguments: [
        (["--format", "xml"], "--format"),
        (["--sizes", "1000"], "--sizes"),
        (["--sizes", "2^30"], "--sizes"),
        (["--samples", "0"], "--samples"),
    ])
    func badFlagsExitWithUsageStatus(arguments: [String], flag: String) {
        do {
            _ = try RFTool.parseAsRoot(["bench", "transforms"] + arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(RFTool.exitCode(for: error).rawValue == 64)
            let message = RFTool.message(for: error)
            #expect(message.contains(flag), "\(message)")
            #expect(!message.contains("\n"), "\(message)")
        }
    }

    @Test func helpStatesDefaultsAndAcceptedValues() {
        let help = RFTool.helpMessage(for: RFTool.BenchTransforms.self)
        #expect(help.contains("default: text"))
        #expect(help.contains("values: text, csv"))
        #expect(help.contains("default: 2^10,2^16,2^20)"))
        #expect(help.contains("from 2 to 2^24"))
    }

    // MARK: - Rows and their renderings

    private let rows = [
        TransformBenchmark.Row(name: "fwht", n: 1024, precision: .float, medianNanoseconds: 300.5,
                               baseline: "fftw-wht", speedup: 15.25),
        TransformBenchmark.Row(name: "fftw-wht", n: 1024, precision: .float, medianNanoseconds: 4582.6,
                               baseline: "fftw-wht", speedup: 1),
    ]

    @Test func csvHasTheContractedColumns() {
        #expect(TransformBenchmark.csv(rows) == """
            name,n,precision,median_ns,baseline,speedup
            fwht,1024,float,300.5,fftw-wht,15.25
            fftw-wht,1024,float,4582.6,fftw-wht,1.0

            """)
    }

    @Test func tableShowsUnitsAndSpeedups() {
        let table = TransformBenchmark.table(rows)
        #expect(table.split(separator: "\n").count == 3)
        #expect(table.contains("301 ns") || table.contains("300 ns"))
        #expect(table.contains("4.58 µs"))
        #expect(table.contains("15.3×") || table.contains("15.2×"))
    }

    @Test func durationsPickAUnit() {
        #expect(TransformBenchmark.duration(999) == "999 ns")
        #expect(TransformBenchmark.duration(1234) == "1.23 µs")
        #expect(TransformBenchmark.duration(685_062) == "685 µs")
        #expect(TransformBenchmark.duration(19_513_020) == "19.5 ms")
        #expect(TransformBenchmark.duration(2.5e9) == "2.5 s")
    }

    /// A tiny run: one fwht and one fftw-wht row per size and precision, baseline named,
    /// the baseline's own speedup 1. (Structure only; no timing is asserted.)
    @Test func runProducesPairedRows() throws {
        let configuration = TransformBenchmark.Configuration(sizes: [8, 64], samples: 1)
        let result = try TransformBenchmark.run(configuration)
        #expect(result.count == 2 * 2 * 2)
        #expect(result.map(\.name) == Array(repeating: ["fwht", "fftw-wht"], count: 4).flatMap { $0 })
        #expect(result.map(\.n) == [8, 8, 8, 8, 64, 64, 64, 64])
        #expect(result.map(\.precision) == [.float, .float, .double, .double, .float, .float, .double, .double])
        #expect(result.allSatisfy { $0.baseline == "fftw-wht" && $0.medianNanoseconds > 0 })
        #expect(result.filter { $0.name == "fftw-wht" }.allSatisfy { $0.speedup == 1 })
    }

    @Test func valuesStayFiniteForTheTimedCallCount() {
        for log2Count in 1...24 {
            let calls = TransformBenchmark.callsKeepingValuesFinite(Float.self, log2Count: log2Count)
            // |values| ≤ n^⌈k/2⌉ must stay below Float's largest finite value.
            #expect(((calls + 1) / 2) * log2Count < 128)
        }
    }
}
