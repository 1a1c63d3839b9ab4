import ArgumentParser
import Foundation
import RFToolCore
import RandomFeatures

extension RFTool {
    /// `rftool bench sampling`: bulk Gaussian sampling against one draw at a time.
    struct BenchSampling: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sampling",
            abstract: "Time bulk random words and normals (SIMD Philox, buffered ziggurat) against one draw at a time.",
            discussion: """
                For every count, on one thread and one RandomStream: count calls of next()
                (baseline) against fill(words:) with each compiled kernel, then the
                one-draw-at-a-time ziggurat (sequential, baseline) against the bulk
                Ziggurat.fill with each kernel. Each bulk routine is first checked to give
                the baseline's bits and leave the stream in the same state. Each row gives
                the median time per value over --samples timings;
                speedup = median of the baseline / median of the row.
                CSV columns: output,name,kernel,count,ns_per_value,values_per_second,baseline,speedup.
                Progress goes to stderr, the table or CSV to stdout.
                """)

        @Option(help: "Output format: text (an aligned table) or csv.")
        var format: TransformBenchmark.Format = .text

        @Option(help: ArgumentHelp("Comma-separated values per call, each from 1 to 16777216.", valueName: "n,n,..."))
        var counts: String = SamplingBenchmark.Configuration.defaultCounts.map(String.init).joined(separator: ",")

        @Option(help: "Timed samples per routine and count (1 to 1000); the median is reported.")
        var samples: Int = SamplingBenchmark.Configuration.defaultSamples

        func validate() throws {
            do {
                _ = try SamplingBenchmark.Configuration.parseCounts(counts)
            } catch {
                throw ValidationError(error.message)
            }
            guard (1...1000).contains(samples) else {
                throw ValidationError("--samples must be from 1 to 1000; got \(samples).")
            }
        }

        func run() throws {
            let configuration = SamplingBenchmark.Configuration(
                counts: try SamplingBenchmark.Configuration.parseCounts(counts), samples: samples)
            let rows = try SamplingBenchmark.run(configuration) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            print(SamplingBenchmark.render(rows, as: format), terminator: "")
        }
    }
}
