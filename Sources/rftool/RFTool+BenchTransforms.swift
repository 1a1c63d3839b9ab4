import ArgumentParser
import Foundation
import RFToolCore
import RandomFeatures

extension TransformBenchmark.Format: ExpressibleByArgument {}
extension HadamardInstructionSet: ExpressibleByArgument {}

extension RFTool {
    /// `rftool bench transforms`: the FWHT against FFTW's 2×…×2 route.
    struct BenchTransforms: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transforms",
            abstract: "Time the fast Walsh-Hadamard transform (fwht) against FFTW's route (fftw-wht).",
            discussion: """
                Both transforms run unnormalised, in place, on one thread, on the same
                inputs, for every size in Float and Double. fftw-wht is FFTW's
                2x2x...x2 real DFT (R2HC kinds, guru plan made with FFTW_MEASURE).
                Each row gives the median time of one transform over --samples timings;
                speedup = median of the baseline (fftw-wht) / median of the row.
                CSV columns: name,n,precision,median_ns,baseline,speedup.
                Progress goes to stderr, the table or CSV to stdout.
                """)

        @Option(help: "Output format: text (an aligned table) or csv.")
        var format: TransformBenchmark.Format = .text

        @Option(help: ArgumentHelp(
            "Comma-separated transform lengths n, each a power of two from 2 to 2^24 (16777216), written 1024 or 2^10.",
            valueName: "n,n,..."))
        var sizes: String = TransformBenchmark.Configuration.defaultSizes
            .map { "2^\($0.trailingZeroBitCount)" }.joined(separator: ",")

        @Option(help: "Timed samples per transform, size and precision (1 to 1000); the median is reported.")
        var samples: Int = TransformBenchmark.Configuration.defaultSamples

        @Option(help: ArgumentHelp(
            "The compiled FWHT kernel to time; the default is the best this processor runs (\(HadamardInstructionSet.best.rawValue) here).",
            valueName: "kernel"))
        var kernel: HadamardInstructionSet = .best

        func validate() throws {
            guard HadamardInstructionSet.available.contains(kernel) else {
                throw ValidationError("--kernel \(kernel.rawValue) is not supported by this processor; available: "
                    + HadamardInstructionSet.available.map(\.rawValue).joined(separator: ", ") + ".")
            }
            do {
                _ = try TransformBenchmark.Configuration.parseSizes(sizes)
            } catch {
                throw ValidationError(error.message)
            }
            guard (1...1000).contains(samples) else {
                throw ValidationError("--samples must be from 1 to 1000; got \(samples).")
            }
        }

        func run() throws {
            let configuration = TransformBenchmark.Configuration(
                sizes: try TransformBenchmark.Configuration.parseSizes(sizes), samples: samples,
                instructionSet: kernel)
            let rows = try TransformBenchmark.run(configuration) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            print(TransformBenchmark.render(rows, as: format), terminator: "")
        }
    }
}
