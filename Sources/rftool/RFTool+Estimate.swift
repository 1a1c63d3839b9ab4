import ArgumentParser
import Foundation
import RFToolCore

extension RFTool {
    /// `rftool estimate`: T independent M-feature estimates of a kernel at one pair, and their statistics.
    struct Estimate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Estimate a kernel at one pair with T independent random-feature estimators and report their statistics.",
            discussion: """
            Each trial draws all of the estimator's randomness afresh from the seed (independent \
            streams), so the numbers depend on --seed only, not on --threads. Reports kernel, \
            estimator, projection, dim, features, trials, seed, exact, mean, variance (sample \
            variance of the T estimates), stderr (of the mean), bias (mean - exact), mse (against \
            exact) and variance_theory (variance of one estimate with M features where a closed \
            form exists for the projection, else null). The pair is --x/--y, or a random pair \
            drawn from the seed (default: uniform on the unit sphere of dimension 16).
            """)

        @Option(help: "Kernel name (see `rftool kernels`).") var kernel: String
        @Option(help: "Estimator (default: the kernel's default).") var estimator: String?
        @Option(help: "Projection: iid, orthogonal, sorf, fastfood, circulant, rademacher.") var projection: String = "iid"
        @Option(help: "M: random features per estimate.") var features: Int = 256
        @Option(help: "T: independent estimates (at least 2).") var trials: Int = 1000
        @Option(help: "Seed of all randomness.") var seed: UInt64 = 0
        @Option(parsing: .unconditional, help: "x as comma-separated numbers v1,v2,... (with --y).") var x: String?
        @Option(parsing: .unconditional, help: "y (or w) as comma-separated numbers (with --x).") var y: String?
        @Option(help: "Dimension of a random pair (default 16).") var dim: Int?
        @Option(help: "Random pair from: sphere (default), gaussian (N(0, I/d)) or uniform ([0,1)^d).") var input: String?
        @Option(help: "Radius of the sphere pair (default 1).") var radius: Double?
        @Option(help: "Output: text, json or csv.") var format: String = "text"
        @Option(help: "Bandwidth σ (gaussian, laplace, cauchy; default 1).") var sigma: Double?
        @Option(parsing: .unconditional, help: "Bias b of activation and polynomial kernels (default 0).") var bias: Double?
        @Option(parsing: .unconditional, help: "Polynomial coefficients a0,a1,... of Σ aᵢ (x·y + b)ⁱ.") var coefficients: String?
        @Option(help: "Polynomial degree p of (x·y + c)^p.") var degree: Int?
        @Option(parsing: .unconditional, help: "Offset c of (x·y + c)^p (default 1).") var coef: Double?
        @Option(name: .customLong("urf-m"), help: "SNNK's M for urf and positive: a number >= 0 (default 0), or optimal.") var urfM: String?
        @Option(help: "Worker threads (default: all cores); the results do not depend on it.") var threads: Int?

        func run() throws {
            var request = EstimateRequest()
            request.kernel = kernel
            request.estimator = estimator
            request.projection = projection
            request.features = features
            request.trials = trials
            request.seed = seed
            request.x = x
            request.y = y
            request.dim = dim
            request.input = input
            request.radius = radius
            request.format = format
            request.sigma = sigma
            request.bias = bias
            request.coefficients = coefficients
            request.degree = degree
            request.coef = coef
            request.urfM = urfM
            request.threads = threads
            do {
                let config = try request.configuration()
                let report = try EstimateRunner.run(config)
                print(report.render(config.format), terminator: "")
            } catch let error as RFToolError {
                FileHandle.standardError.write(Data("rftool estimate: \(error.message)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }
    }
}
