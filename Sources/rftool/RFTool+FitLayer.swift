import ArgumentParser
import Foundation
import RFToolCore

extension RFTool {
    /// `rftool fit-layer`: a structured replacement of a dense layer, fitted in closed form.
    struct FitLayer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fit-layer",
            abstract: "Fit a replacement of a dense layer y = f(Wx + b) without backpropagation.",
            discussion: """
            Runs the teacher on the calibration inputs and solves for the layer's free weights in \
            closed form (ALGORITHMS.md section 6). Without --holdout the last fifth of the calibration \
            rows is held out. Prints one line with params, bytes, macs and rel_error = \
            ||Y - Y_teacher||_F / ||Y_teacher||_F on the held-out rows, and writes the layer as \
            --out (JSON) with each learned array as a float32 .npy beside it. With --kind bundled, \
            --teacher, --bias and --activation are comma-separated lists (one per teacher layer, W1 \
            first) and --features one m or one per nonlinear layer: the whole network collapsed into \
            one Theta over chained SNNK feature towers.
            """)

        @Option(help: "Teacher weights W, d_out x d_in (.npy, out x in); a list W1.npy,W2.npy,... with --kind bundled.") var teacher: String
        @Option(help: "Teacher bias b, d_out entries (.npy, 1-D or 2-D); default zeros; a list with --kind bundled.") var bias: String?
        @Option(help: "Activation f: identity, relu, gelu, tanh, cos, sin, exp, polynomial; a list with --kind bundled.") var activation: String
        @Option(help: "Polynomial coefficients a0,a1,... of f(z) = sum a_i z^i (with --activation polynomial).") var coefficients: String?
        @Option(help: "Layer kind (see the registry: dense, prp, dyad, lowrank, acdc, ...).") var kind: String
        @Option(help: "m: random features (snnk, eugen); m1,m2,... per stage with --kind bundled.") var features: String?
        @Option(help: "k: order of an EUGen layer.") var order: Int?
        @Option(help: "r: rank of a lowrank layer.") var rank: Int?
        @Option(help: "k: blocks of a dyad layer, or layers of an acdc stack.") var blocks: Int?
        @Option(help: "Calibration inputs X, n x d_in (.npy).") var calibration: String
        @Option(help: "Held-out inputs for rel_error (.npy); default: the last fifth of --calibration.") var holdout: String?
        @Option(help: "Ridge lambda >= 0 of the least-squares fits.") var ridge: Double = 1e-6
        @Option(help: "Projection of the fixed random matrix: iid or orthogonal (prp); iid, orthogonal, sorf (snnk, eugen).") var projection: String = "iid"
        @Option(help: "Seed of the layer's fixed random matrices.") var seed: UInt64 = 0
        @Option(help: "Output layer file (.json).") var out: String

        func run() throws {
            do {
                let m = try FitLayerConfiguration.parseFeatures(features)
                let report = try FitLayerRunner.run(FitLayerConfiguration(
                    teacher: teacher, bias: bias, activation: activation, coefficients: coefficients, kind: kind,
                    features: m.features, order: order, rank: rank, blocks: blocks, calibration: calibration,
                    holdout: holdout, ridge: ridge, projection: projection, seed: seed, out: out, stageFeatures: m.stageFeatures))
                print(report.line)
            } catch let error as RFToolError {
                FileHandle.standardError.write(Data("rftool fit-layer: \(error.message)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }
    }
}
