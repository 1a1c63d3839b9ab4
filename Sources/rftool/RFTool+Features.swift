import ArgumentParser
import Foundation
import RFToolCore

extension RFTool {
    /// `rftool features`: a data file in, its random features out.
    struct Features: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Transform a data file (.csv or .npy, one point per row) into random features.",
            discussion: """
            Inner products of x-side rows with y-side rows drawn with the same --seed estimate the \
            kernel. For asymmetric maps (urf, eugen, maclaurin, tensorsketch) --side selects the \
            input tower (x) or the weight tower (y); symmetric maps ignore it.
            """)

        @Option(help: "Kernel name (see `rftool kernels`).") var kernel: String
        @Option(help: "Estimator (default: the kernel's default).") var estimator: String?
        @Option(help: "Projection: iid, orthogonal, sorf, fastfood, circulant, rademacher.") var projection: String = "iid"
        @Option(help: "m: random features (rows of the projection; D for tensorsketch).") var features: Int
        @Option(help: "Seed of the random map.") var seed: UInt64 = 0
        @Option(help: "Input data: .csv (numbers, optional header) or .npy (2-D float32/float64).") var input: String
        @Option(help: "Output file: .csv or .npy (- for CSV on standard output).") var output: String
        @Option(help: "float32 or float64.") var precision: String = "float64"
        @Option(help: "x (inputs) or y (weights) tower.") var side: String = "x"
        @Option(help: "Bandwidth σ (gaussian, laplace).") var sigma: Double?
        @Option(help: "Bias b of activation and polynomial kernels.") var bias: Double?
        @Option(help: "Polynomial coefficients a0,a1,... of Σ aᵢ (x·y + b)ⁱ.") var coefficients: String?
        @Option(help: "Polynomial degree p of (x·y + c)^p.") var degree: Int?
        @Option(help: "Offset c of (x·y + c)^p (default 1).") var coef: Double?
        @Option(name: .customLong("urf-m"), help: "SNNK's M: a number >= 0, or optimal.") var urfM: String?

        func run() throws {
            do {
                let config = try FeaturesConfiguration(
                    kernel: kernel, estimator: estimator, projection: projection, features: features, seed: seed,
                    input: input, output: output, precision: precision, side: side,
                    sigma: sigma, bias: bias, coefficients: coefficients, degree: degree, coef: coef, urfM: urfM)
                try FeaturesRunner.run(config)
            } catch let error as RFToolError {
                FileHandle.standardError.write(Data("rftool features: \(error.message)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }
    }
}
