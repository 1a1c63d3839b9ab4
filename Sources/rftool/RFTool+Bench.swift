import ArgumentParser

extension RFTool {
    /// `rftool bench …`: speed measurements, each against a library baseline timed in
    /// the same run. Timings never run in the test suite.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Benchmarks: each transform, projection or sampler against a baseline timed in the same run.",
            subcommands: [BenchTransforms.self, BenchProjections.self, BenchFeatures.self, BenchSampling.self])
    }
}
