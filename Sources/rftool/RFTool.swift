import ArgumentParser
import RFToolCore

@main
struct RFTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rftool",
        abstract: "Kernel approximation with random features: estimators, variance experiments, benchmarks.",
        version: RFToolVersion.string,
        subcommands: [VarianceSweep.self, Merge.self, Features.self, Bench.self, FitLayer.self, ApplyLayer.self, LayerBench.self])

    static func main() {
        OpenBLASCoreSelection.reexecIfFallback()
        main(nil)
    }
}
