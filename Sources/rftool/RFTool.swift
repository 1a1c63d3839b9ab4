import ArgumentParser
import RFToolCore

@main
struct RFTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rftool",
        abstract: "Kernel approximation with random features: estimators, variance experiments, dense-layer replacements, benchmarks.",
        version: RFToolVersion.string,
        subcommands: [Estimate.self, Kernels.self, VarianceSweep.self, Merge.self, Features.self,
                      FitLayer.self, ApplyLayer.self, LayerBench.self, Bench.self])

    static func main() {
        OpenBLASCoreSelection.reexecIfFallback()
        main(nil)
    }
}
