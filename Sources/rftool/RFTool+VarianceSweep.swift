import ArgumentParser
import Estimators
import Foundation
import RFToolCore

extension RFTool {
    /// `rftool variance-sweep`: parses flags into a `VarianceSweepRequest`; RFToolCore does the rest.
    struct VarianceSweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "variance-sweep",
            abstract: "Bias, variance and MSE of random-feature estimators over a grid, against the exact kernel and theory.",
            discussion: """
            The grid is the product of the lists (comma-separated), minus combinations that are not \
            meaningful, each reported on stderr. With no arguments: the default preset. Writes \
            NAME.csv (one row per cell and pair), NAME.summary.csv (one row per cell) and NAME.json. \
            Presets: \(SweepPreset.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")).
            """)

        @Option(help: "Kernels (default: every kernel in the catalogue).") var kernel: String?
        @Option(help: "Estimators, or 'all' (default: every estimator of each kernel).") var estimator: String?
        @Option(help: "Projections: iid, orthogonal, sorf, fastfood, circulant, rademacher (default: iid).") var projection: String?
        @Option(help: "Input dimensions d (default: 16).") var dim: String?
        @Option(help: "Feature counts m (default: 16,32,64,128,256).") var features: String?
        @Option(help: "Pairs P per cell (default: 32).") var pairs: Int?
        @Option(help: "Trials T per cell (default: 1000; presets set their own).") var trials: Int?
        @Option(help: "Pairs from: protocol, sphere, sphere-angles (cos θ evenly spaced in [-1, 1]), gaussian, uniform, uniform-cross (every pair of √P inputs and √P weights on [0,1)^d), or FILE.csv / FILE.npy (consecutive rows are pairs; with --gram, rows are points). Default: the ALGORITHMS.md §7.1 design.") var input: String?
        @Option(help: "Radii of sphere pairs (default: 0.5,1).") var radius: String?
        @Option(help: "Bandwidth σ of the Gaussian and Laplace kernels (default: 1).") var sigma: Double?
        @Option(help: "Bias b of the activation kernels (default: 0).") var bias: Double?
        @Option(help: "Polynomial coefficients a0,a1,... (default: 1,2,1).") var coefficients: String?
        @Option(help: "Polynomial degree p of (x·y + coef)^p.") var degree: Int?
        @Option(help: "Offset c of (x·y + c)^degree (default: 1).") var coef: Double?
        @Option(name: .customLong("urf-m"), help: "SNNK's M: a number ≥ 0 or 'optimal' (default: 0).") var urfM: String?
        @Option(help: "Seed of all randomness (default: 1).") var seed: UInt64?
        @Option(help: "Worker threads (default: all cores). Results do not depend on it.") var threads: Int?
        @Option(help: "Run slice i of n (0 ≤ i < n); join the slices with 'rftool merge'.") var shard: String?
        @Option(help: "Output CSV (default: results/variance-sweep.csv, or results/PRESET.csv).") var out: String?
        @Option(help: "A named experiment: \(SweepPreset.names.joined(separator: ", ")).") var preset: String?
        @Flag(help: "Gram mode: per-trial relative Frobenius error ‖K − K̂‖_F/‖K‖_F of the approximate Gram matrix of two point sets (K̂ = Φ_A Φ_Bᵀ), instead of point-wise statistics. With --input FILE the points are 2 × --points random rows, divided by the file's largest value (a CSV column named 'label' is dropped).") var gram = false
        @Option(help: "With --gram: the points n of each of the two sets (default: 200).") var points: Int?
        @Flag(help: "No progress output.") var quiet = false
        @Flag(help: "Give every feature count its own random draws. By default the cells that differ only in --features share each trial's draw: the cell with m features uses the leading m rows of the largest (common random numbers across m; each cell's statistics are unchanged in law, curves against m come out smoother, and the grid costs its largest m instead of the sum).") var independentFeatures = false

        var request: VarianceSweepRequest {
            var r = VarianceSweepRequest()
            r.kernel = kernel
            r.estimator = estimator
            r.projection = projection
            r.dim = dim
            r.features = features
            r.pairs = pairs
            r.trials = trials
            r.input = input
            r.radius = radius
            r.sigma = sigma
            r.bias = bias
            r.coefficients = coefficients
            r.degree = degree
            r.coef = coef
            r.urfM = urfM
            r.seed = seed
            r.threads = threads
            r.shard = shard
            r.out = out
            r.preset = preset
            r.gram = gram
            r.points = points
            r.quiet = quiet
            r.independentFeatures = independentFeatures
            r.commandLine = CommandLine.arguments
            return r
        }

        func run() throws {
            Interruption.install()
            do {
                let configuration = try request.configuration()
                let outcome = try RFToolCore.VarianceSweep.run(configuration)
                for line in outcome.acceptance.map(\.line) { print(line) }
                if outcome.failedChecks { throw ExitCode(1) }
            } catch let error as RFToolError {
                StandardError.line("rftool variance-sweep: \(error.message)")
                throw ExitCode(error.exitCode)
            } catch let interrupted as RFToolCore.VarianceSweep.Interrupted {
                StandardError.line("rftool variance-sweep: \(interrupted)")
                throw ExitCode(interrupted.exitCode)
            }
        }
    }
}
