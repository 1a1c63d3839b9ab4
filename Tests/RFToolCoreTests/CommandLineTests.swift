import Testing
@testable import rftool
@testable import RFToolCore

/// The flag names of issue 4 parse into the request (parsing only; no run).
@Suite struct CommandLineTests {
    @Test func varianceSweepFlags() throws {
        let command = try RFTool.VarianceSweep.parse([
            "--kernel", "gaussian,exp", "--estimator", "trig", "--projection", "iid,orthogonal", "--dim", "4,16",
            "--features", "16,32", "--pairs", "8", "--trials", "300", "--input", "sphere", "--radius", "0.5,1",
            "--sigma", "2", "--bias", "0.5", "--degree", "3", "--coef", "1", "--urf-m", "optimal",
            "--seed", "9", "--threads", "2", "--shard", "1/4", "--out", "results/x.csv", "--quiet",
        ])
        let r = command.request
        #expect(r.kernel == "gaussian,exp" && r.estimator == "trig" && r.projection == "iid,orthogonal")
        #expect(r.dim == "4,16" && r.features == "16,32" && r.pairs == 8 && r.trials == 300)
        #expect(r.input == "sphere" && r.radius == "0.5,1" && r.sigma == 2 && r.bias == 0.5)
        #expect(r.degree == 3 && r.coef == 1 && r.urfM == "optimal")
        #expect(r.seed == 9 && r.threads == 2 && r.shard == "1/4" && r.out == "results/x.csv" && r.quiet)
        #expect(try RFTool.VarianceSweep.parse(["--preset", "protocol", "--coefficients", "1,2"]).request.coefficients == "1,2")
    }

    @Test func mergeFlags() throws {
        let command = try RFTool.Merge.parse(["a.shard-0-of-2.csv", "a.shard-1-of-2.csv", "--out", "results/a.csv"])
        #expect(command.files == ["a.shard-0-of-2.csv", "a.shard-1-of-2.csv"] && command.out == "results/a.csv")
    }

    @Test func subcommandsAreRegistered() {
        let names = RFTool.configuration.subcommands.map { $0.configuration.commandName }
        #expect(names.contains("variance-sweep") && names.contains("merge"))
    }
}
