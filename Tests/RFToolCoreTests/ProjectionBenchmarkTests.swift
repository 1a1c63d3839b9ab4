import ArgumentParser
import Testing
@testable import RFToolCore
@testable import rftool

@Suite struct ProjectionBenchmarkTests {
    // MARK: - Command line

    @Test func defaultsAreTextFloatAndTheDocumentedShapes() throws {
        let command = try #require(
            try RFTool.parseAsRoot(["bench", "projections"]) as? RFTool.BenchProjections)
        #expect(command.format == .text)
        let configuration = try command.makeConfiguration()
        #expect(configuration.n == 4096)
        #expect(configuration.shapes == [.init(d: 1024, m: 1024), .init(d: 4096, m: 4096)])
        #expect(configuration.precisions == [.float])
        #expect(configuration.projections == [.iid, .orthogonal, .sorf, .fastfood, .circulant, .rademacher])
    }

    @Test func flagsSelectShapesPrecisionsAndProjections() throws {
        let command = try #require(try RFTool.parseAsRoot(
            ["bench", "projections", "--n", "64", "--d", "5,8", "--m", "3,9", "--precision", "float,double",
             "--projections", "sorf,circulant", "--format", "csv"]) as? RFTool.BenchProjections)
        let configuration = try command.makeConfiguration()
        #expect(command.format == .csv)
        #expect(configuration.n == 64)
        #expect(configuration.shapes == [.init(d: 5, m: 3), .init(d: 5, m: 9), .init(d: 8, m: 3), .init(d: 8, m: 9)])
        #expect(configuration.precisions == [.float, .double])
        #expect(configuration.projections == [.sorf, .circulant])
    }

    @Test(arguments: [
        (["--format", "xml"], "--format"),
        (["--n", "0"], "--n"),
        (["--d", "0"], "--d"),
        (["--d", "4,,8"], "--d"),
        (["--m", "-3"], "--m"),
        (["--d", "2000000"], "--d"),
        (["--precision", "half"], "--precision"),
        (["--projections", "qr"], "--projections"),
        (["--samples", "0"], "--samples"),
        (["--n", "1048576", "--d", "1048576"], "--n"),
    ])
    func badFlagsExitWithUsageStatus(arguments: [String], flag: String) {
        do {
            _ = try RFTool.parseAsRoot(["bench", "projections"] + arguments)
            Issue.record("\(arguments) was accepted")
        } catch {
            #expect(RFTool.exitCode(for: error).rawValue == 64)
            let message = RFTool.message(for: error)
            #expect(message.contains(flag), "\(message)")
            #expect(!message.contains("\n"), "\(message)")
        }
    }

    @Test func helpStatesDefaultsAndAcceptedValues() {
        // Line breaks and indentation collapsed to single spaces.
        let help = RFTool.helpMessage(for: RFTool.BenchProjections.self)
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(help.contains("default: text"))
        #expect(help.contains("default: 4096"))
        #expect(help.contains("default: 1024,4096"))
        #expect(help.contains("default: float"))
        #expect(help.contains("iid, orthogonal, sorf, fastfood, circulant, rademacher"))
        #expect(help.contains("projection,n,d,m,precision,median_ms,dense_ms,speedup_vs_dense"))
    }

    // MARK: - Rows and their renderings

    private let rows = [
        ProjectionBenchmark.Row(projection: "sorf", n: 4096, d: 1024, m: 1024, precision: .float,
                                medianMilliseconds: 4.5, denseMilliseconds: 58.25, speedupVersusDense: 12.944),
        ProjectionBenchmark.Row(projection: "iid", n: 4096, d: 1024, m: 1024, precision: .float,
                                medianMilliseconds: 58.5, denseMilliseconds: 58.25, speedupVersusDense: 0.996),
    ]

    @Test func csvHasTheContractedColumns() {
        #expect(ProjectionBenchmark.csv(rows) == """
            projection,n,d,m,precision,median_ms,dense_ms,speedup_vs_dense
            sorf,4096,1024,1024,float,4.5,58.25,12.944
            iid,4096,1024,1024,float,58.5,58.25,0.996

            """)
    }

    @Test func tableHasTheSameColumns() {
        let lines = ProjectionBenchmark.table(rows).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].split(separator: " ").map(String.init) == ProjectionBenchmark.csvHeader)
        #expect(lines[1].contains("12.9×"))
    }

    /// A tiny run: one row per projection, shape and precision, each checked against its
    /// dense matrix before timing. (Structure only; no timing is asserted.)
    @Test func runProducesOneRowPerProjectionShapeAndPrecision() throws {
        let configuration = ProjectionBenchmark.Configuration(
            n: 16, shapes: [.init(d: 5, m: 7), .init(d: 8, m: 8)], precisions: [.float, .double], samples: 1)
        let result = try ProjectionBenchmark.run(configuration)
        #expect(result.count == 6 * 2 * 2)
        #expect(result.map(\.projection).prefix(6) == ["iid", "orthogonal", "sorf", "fastfood", "circulant", "rademacher"])
        #expect(result.allSatisfy { $0.n == 16 && $0.medianMilliseconds > 0 && $0.denseMilliseconds > 0 })
        #expect(result.map(\.m) == Array(repeating: 7, count: 12) + Array(repeating: 8, count: 12))
    }
}
