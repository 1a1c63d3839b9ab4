import ArgumentParser
import Foundation
import RFToolCore

extension RFTool {
    /// `rftool layer-bench`: every kind against the dense baseline, in one run.
    struct LayerBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "layer-bench",
            abstract: "Fit each layer kind to one dense teacher and time it against the dense baseline.",
            discussion: """
            Writes one CSV row per kind: kind,d_in,d_out,batch,features,params,bytes,macs,median_ms,\
            speedup_vs_dense,memory_ratio,rel_error. The dense baseline (sgemm + bias + f) is always \
            timed first in the same run; speedup_vs_dense = dense median / kind median, memory_ratio = \
            bytes / dense bytes, rel_error = ||Y - Y_teacher||_F / ||Y_teacher||_F on the timed batch, \
            held out from fitting. Teacher random: W ~ N(0, 1/d_in), b ~ N(0, 0.01); calibration and \
            batch inputs ~ N(0, I). lowrank's default rank r = floor(features * d_out / (d_in + d_out)). \
            Progress goes to stderr.
            """)

        @Option(name: .customLong("d-in"), help: "d_in of a random teacher (default 4096).") var dIn: Int?
        @Option(name: .customLong("d-out"), help: "d_out of a random teacher (default 4096).") var dOut: Int?
        @Option(help: "Rows of the timed (held-out) batch.") var batch: Int = 256
        @Option(help: "m: random features (snnk, eugen) and lowrank's parameter budget.") var features: Int = 1024
        @Option(help: "Comma-separated kinds; dense is always included.") var kinds: String = "dense,snnk,eugen,prp,dyad,lowrank,acdc"
        @Option(help: "Activation f of the teacher and of every layer.") var activation: String = "gelu"
        @Option(help: "Polynomial coefficients a0,a1,... (with --activation polynomial).") var coefficients: String?
        @Option(help: "random, or a teacher W .npy (d_out x d_in).") var teacher: String = "random"
        @Option(help: "Teacher bias .npy (with a teacher file).") var bias: String?
        @Option(name: .customLong("calibration-rows"), help: "Calibration rows (default max(d_in, d_out)).") var calibrationRows: Int?
        @Option(help: "k: dyad blocks.") var blocks: Int = 4
        @Option(help: "r: lowrank rank (default from --features).") var rank: Int?
        @Option(name: .customLong("acdc-layers"), help: "Layers of the acdc stack.") var acdcLayers: Int = 4
        @Option(help: "Ridge lambda >= 0 of the fits.") var ridge: Double = 1e-6
        @Option(help: "Projection of snnk and eugen: iid, orthogonal or sorf.") var projection: String = "iid"
        @Option(help: "Timed rounds (one call of every kind per round); the median is reported.") var repetitions: Int = 15
        @Option(help: "Seed of the teacher, inputs and fixed random matrices.") var seed: UInt64 = 0
        @Option(help: "Output CSV.") var out: String = "results/layers.csv"

        func run() throws {
            var c = LayerBenchmark.Configuration()
            c.inputDimension = dIn
            c.outputDimension = dOut
            c.batch = batch
            c.features = features
            c.kinds = kinds.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            c.activation = activation
            c.coefficients = coefficients
            c.teacher = teacher
            c.bias = bias
            c.calibrationRows = calibrationRows
            c.blocks = blocks
            c.rank = rank
            c.acdcLayers = acdcLayers
            c.ridge = ridge
            c.projection = projection
            c.repetitions = repetitions
            c.seed = seed
            c.out = out
            do {
                let rows = try LayerBenchmark.run(c) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
                print(LayerBenchmark.render(rows), terminator: "")
            } catch let error as RFToolError {
                FileHandle.standardError.write(Data("rftool layer-bench: \(error.message)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }
    }
}
