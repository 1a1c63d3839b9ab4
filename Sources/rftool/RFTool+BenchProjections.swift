import ArgumentParser
import Foundation
import RFToolCore
import RandomFeatures

extension RFTool {
    /// `rftool bench projections`: each random projection against a dense GEMM.
    struct BenchProjections: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "projections",
            abstract: "Time every random projection applied to a batch against a dense OpenBLAS GEMM of the same n, d, m.",
            discussion: """
                For every d (and m) and precision, a dense GEMM X·Wᵀ (X n×d, W m×d
                Gaussian) is timed once, then each projection's apply to the same X.
                Each row gives the median of --samples calls after one warm-up call;
                drawing a projection is not timed (its time is logged on stderr).
                speedup_vs_dense = dense_ms / median_ms. Structured projections share
                batch rows between threads, OpenBLAS uses its own threads; the thread
                counts are logged on stderr. Before timing, each projection's apply is
                checked against its dense matrix.
                CSV columns: projection,n,d,m,precision,median_ms,dense_ms,speedup_vs_dense.
                Progress goes to stderr, the table or CSV to stdout.
                """)

        @Option(help: "Output format: text (an aligned table) or csv.")
        var format: TransformBenchmark.Format = .text

        @Option(help: ArgumentHelp(
            "Comma-separated projections, each one of \(ProjectionKind.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "names"))
        var projections: String = ProjectionKind.allCases.map(\.rawValue).joined(separator: ",")

        @Option(help: "Batch rows n, from 1 to 2^20.")
        var n: Int = ProjectionBenchmark.Configuration.defaultN

        @Option(help: ArgumentHelp("Comma-separated input dimensions d, each from 1 to 2^20.", valueName: "d,d,..."))
        var d: String = ProjectionBenchmark.Configuration.defaultDimensions.map(String.init).joined(separator: ",")

        @Option(help: ArgumentHelp(
            "Comma-separated projection rows m, each from 1 to 2^20; every (d, m) pair is timed. Default: m = d.",
            valueName: "m,m,..."))
        var m: String?

        @Option(help: ArgumentHelp("float, double or float,double.", valueName: "precision"))
        var precision: String = "float"

        @Option(help: "Timed calls per projection and shape (1 to 1000); the median is reported.")
        var samples: Int = ProjectionBenchmark.Configuration.defaultSamples

        func makeConfiguration() throws -> ProjectionBenchmark.Configuration {
            try ProjectionBenchmark.Configuration.parse(
                projections: projections, n: n, d: d, m: m, precision: precision, samples: samples)
        }

        func validate() throws {
            do {
                _ = try makeConfiguration()
            } catch let error as RFToolError {
                throw ValidationError(error.message)
            }
        }

        func run() throws {
            let rows = try ProjectionBenchmark.run(try makeConfiguration()) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            print(ProjectionBenchmark.render(rows, as: format), terminator: "")
        }
    }
}
