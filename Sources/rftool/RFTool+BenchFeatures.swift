import ArgumentParser
import Foundation
import RFToolCore
import RandomFeatures

extension RFTool {
    /// `rftool bench features`: the transform of `rftool features`, file I/O apart.
    struct BenchFeatures: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "features",
            abstract: "Time the feature-map transform of `rftool features` (no file I/O) against the same map with iid (dense GEMM) rows.",
            discussion: """
                The map is drawn once (fit_ms, one sample); the transform of the whole n x d batch is \
                timed --samples times and the median reported (transform_ms). The same estimator with the \
                iid projection (OpenBLAS GEMM) is timed in the same run; speedup = iid median / median. \
                Inputs: standard normal entries divided by sqrt(d). Progress on stderr, table or CSV on stdout.

                CSV columns: kernel,estimator,projection,rows,dim,features,output_columns,precision,fit_ms,transform_ms,baseline,speedup.
                """)

        @Option(help: "Kernel name (see `rftool kernels`).") var kernel: String = "gaussian"
        @Option(help: "Estimator (default: the kernel's default).") var estimator: String?
        @Option(help: "Projection to time (the iid baseline is always timed too).") var projection: String = "sorf"
        @Option(help: "n: rows of the batch.") var rows: Int = 4096
        @Option(help: "d: input dimension.") var dim: Int = 1024
        @Option(help: "m: random features.") var features: Int = 1024
        @Option(help: "float32 or float64.") var precision: String = "float32"
        @Option(help: "Timed transforms (the median is reported).") var samples: Int = 11
        @Option(help: "Threads for OpenBLAS and the transform (default: all cores).") var threads: Int?
        @Option(help: "Output format: text or csv.") var format: String = "text"

        func run() throws {
            do {
                var c = FeaturesBenchmark.Configuration()
                c.kernel = kernel
                c.estimator = estimator
                guard let kind = ProjectionKind(rawValue: projection) else {
                    throw RFToolError.usage("--projection: unknown projection '\(projection)'; valid: \(ProjectionKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                c.projection = kind
                guard let p = FeaturesConfiguration.Precision(rawValue: precision) else {
                    throw RFToolError.usage("--precision must be float32 or float64; got '\(precision)'")
                }
                c.precision = p
                guard format == "text" || format == "csv" else { throw RFToolError.usage("--format must be text or csv; got '\(format)'") }
                c.rows = rows
                c.dimension = dim
                c.features = features
                c.samples = samples
                if let threads {
                    guard threads >= 1 else { throw RFToolError.usage("--threads must be at least 1; got \(threads)") }
                    c.threads = threads
                }
                let result = try FeaturesBenchmark.run(c) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
                print(FeaturesBenchmark.render(result, csv: format == "csv"), terminator: "")
            } catch let error as RFToolError {
                FileHandle.standardError.write(Data("rftool bench features: \(error.message)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }
    }
}
