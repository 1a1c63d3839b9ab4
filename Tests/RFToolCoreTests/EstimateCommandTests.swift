import Estimators
import Foundation
import RandomFeatures
import Testing
@testable import RFToolCore
@testable import rftool

/// `rftool estimate`: the contract keys, the defaults, statistics consistent with
/// their definitions and with the estimator's theory, the same numbers at any
/// thread count, and bad input refused with one line, exit 64/65 and no output.
@Suite struct EstimateCommandTests {
    static let oracleX = "0.1,-0.2,0.3,0.4", oracleY = "0.25,0.05,-0.15,0.2"

    func request(_ configure: (inout EstimateRequest) -> Void) -> EstimateRequest {
        var r = EstimateRequest()
        configure(&r)
        return r
    }

    @Test func defaultsAndJSONKeys() throws {
        let r = request { $0.kernel = "gaussian"; $0.format = "json"; $0.trials = 200 }
        let config = try r.configuration()
        #expect(config.features == 256 && config.seed == 0 && config.projection == .iid && config.dimension == 16)
        #expect(config.estimator == "trig")
        // The default pair lies on the unit sphere.
        #expect(abs(config.x.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12 && abs(config.y.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
        #expect(EstimateRequest().features == 256 && EstimateRequest().trials == 1000 && EstimateRequest().seed == 0)
        let report = try EstimateRunner.run(config)
        let json = report.render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(EstimateReport.keys))
        #expect(EstimateReport.keys == ["kernel", "estimator", "projection", "dim", "features", "trials", "seed",
                                        "exact", "mean", "variance", "stderr", "bias", "mse", "variance_theory"])
        #expect(object["kernel"] as? String == "gaussian" && object["dim"] as? Int == 16 && object["trials"] as? Int == 200)
        let mean = try #require(object["mean"] as? Double), exact = try #require(object["exact"] as? Double)
        let variance = try #require(object["variance"] as? Double)
        #expect(abs((object["bias"] as! Double) - (mean - exact)) < 1e-15)
        #expect(abs((object["stderr"] as! Double) - (variance / 200).squareRoot()) < 1e-15)
        // mse = variance·(T−1)/T + bias².
        let bias = mean - exact
        #expect(abs((object["mse"] as! Double) - (variance * 199 / 200 + bias * bias)) < 1e-12)
        #expect(json.hasSuffix("}\n") && !json.dropLast().contains("\n"))
    }

    @Test func csvHasTheHeaderAndOneRow() throws {
        let r = request { $0.kernel = "exp"; $0.x = Self.oracleX; $0.y = Self.oracleY; $0.bias = 0.5; $0.trials = 50 }
        let csv = try EstimateRunner.run(try r.configuration()).render(.csv)
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0] == "kernel,estimator,projection,dim,features,trials,seed,exact,mean,variance,stderr,bias,mse,variance_theory")
        #expect(lines[1].hasPrefix("exp,positive,iid,4,256,50,0,1.7332530178673953,"))
    }

    /// variance_theory is null in JSON and empty in CSV when no closed form exists.
    @Test func absentTheoryIsNull() throws {
        let config = try request { $0.kernel = "gaussian"; $0.trials = 2 }.configuration()
        let statistics = CellStatistics(estimates: [0.5, 0.7], exact: 0.6, varianceTheory: nil)
        let report = EstimateReport(configuration: config, statistics: statistics)
        #expect(report.render(.json).contains("\"variance_theory\":null}"))
        #expect(report.render(.csv).hasSuffix(",\n"))
        #expect(report.render(.text).contains("variance_theory  null"))
    }

    /// The report's mean is unbiased within 5 stderr and its variance matches the theory
    /// within 5 fourth-moment SEs, for one estimator of each family (fixed seed).
    @Test(arguments: [("gaussian", "trig"), ("laplace", "offset"), ("exp", "hyperbolic"), ("arccos0", "heaviside"), ("arccos1", "relu")])
    func statisticsMatchTheory(kernel: String, estimator: String) throws {
        let config = try request {
            $0.kernel = kernel; $0.estimator = estimator; $0.x = Self.oracleX; $0.y = Self.oracleY
            $0.features = 16; $0.trials = 3000; $0.seed = 11
        }.configuration()
        let s = try EstimateRunner.run(config).statistics
        #expect(abs(s.bias) <= 5 * s.biasSE, "\(kernel)/\(estimator): bias \(s.bias), stderr \(s.biasSE)")
        let theory = try #require(s.varianceTheory)
        #expect(abs(s.variance - theory) <= 5 * s.varianceSE, "\(kernel)/\(estimator): variance \(s.variance) vs \(theory) ± \(s.varianceSE)")
    }

    @Test func sameNumbersAtAnyThreadCount() throws {
        var outputs: [String] = []
        for threads in [1, 2, 3] {
            let config = try request { $0.kernel = "cos"; $0.bias = 0.3; $0.trials = 64; $0.features = 8; $0.threads = threads; $0.seed = 5 }.configuration()
            outputs.append(try EstimateRunner.run(config).render(.csv))
        }
        #expect(Set(outputs).count == 1)
        let other = try request { $0.kernel = "cos"; $0.bias = 0.3; $0.trials = 64; $0.features = 8; $0.seed = 6 }.configuration()
        #expect(try EstimateRunner.run(other).render(.csv) != outputs[0])
    }

    struct BadCase: Sendable, CustomStringConvertible {
        let description: String
        let arguments: [String]
        let code: Int32
        let fragment: String
    }

    static let badCases: [BadCase] = [
        BadCase(description: "unknown kernel", arguments: ["--kernel", "gauss"], code: 64,
                fragment: "--kernel: unknown kernel 'gauss'; valid kernels: gaussian, laplace, cauchy, exp,"),
        BadCase(description: "unknown estimator", arguments: ["--kernel", "exp", "--estimator", "favor"], code: 64,
                fragment: "--estimator: estimator 'favor' is not available for kernel 'exp'; valid: positive, trig, hyperbolic, urf"),
        BadCase(description: "different lengths", arguments: ["--kernel", "gaussian", "--x", "1,2", "--y", "1,2,3"], code: 64,
                fragment: "--x and --y have different lengths (2 and 3)"),
        BadCase(description: "non-numeric", arguments: ["--kernel", "gaussian", "--x", "1,abc", "--y", "1,2"], code: 64,
                fragment: "--x: entry 2 'abc' is not a number"),
        BadCase(description: "NaN", arguments: ["--kernel", "gaussian", "--x", "1,2", "--y", "nan,2"], code: 64,
                fragment: "--y: entry 1 is nan; entries must be finite numbers"),
        BadCase(description: "empty entry", arguments: ["--kernel", "gaussian", "--x", "1,,2", "--y", "1,2,3"], code: 64,
                fragment: "--x: entry 2 '' is not a number"),
        BadCase(description: "M < 1", arguments: ["--kernel", "gaussian", "--features", "0"], code: 64,
                fragment: "--features must be at least 1; got 0"),
        BadCase(description: "T < 2", arguments: ["--kernel", "gaussian", "--trials", "1"], code: 64,
                fragment: "--trials must be at least 2"),
        BadCase(description: "projection not meaningful", arguments: ["--kernel", "laplace", "--projection", "orthogonal"], code: 64,
                fragment: "--projection: 'orthogonal' is not meaningful for laplace/trig; valid projections: iid, circulant"),
        BadCase(description: "unknown projection", arguments: ["--kernel", "gaussian", "--projection", "qr"], code: 64,
                fragment: "--projection: unknown projection 'qr'; valid: iid, orthogonal, sorf, fastfood, circulant, rademacher"),
        BadCase(description: "x without y", arguments: ["--kernel", "gaussian", "--x", "1,2"], code: 64,
                fragment: "--x needs --y"),
        BadCase(description: "x with dim", arguments: ["--kernel", "gaussian", "--x", "1,2", "--y", "1,2", "--dim", "2"], code: 64,
                fragment: "--dim cannot be combined with --x/--y"),
        BadCase(description: "unknown input", arguments: ["--kernel", "gaussian", "--input", "cube"], code: 64,
                fragment: "--input must be sphere, gaussian or uniform; got 'cube'"),
        BadCase(description: "radius with gaussian", arguments: ["--kernel", "gaussian", "--input", "gaussian", "--radius", "2"], code: 64,
                fragment: "--radius applies to --input sphere"),
        BadCase(description: "bad format", arguments: ["--kernel", "gaussian", "--format", "xml"], code: 64,
                fragment: "--format must be text, json or csv; got 'xml'"),
        BadCase(description: "bad sigma", arguments: ["--kernel", "gaussian", "--sigma", "0"], code: 64,
                fragment: "--sigma must be a number > 0"),
        BadCase(description: "infinite-variance pair", arguments: ["--kernel", "cauchy-activation", "--x", "0.6,0.6", "--y", "0.3,0.3"], code: 65,
                fragment: "--x/--y: cauchy-activation urf refuses this pair: ‖x+w‖² = "),
        BadCase(description: "arccos0 at zero", arguments: ["--kernel", "arccos0", "--x", "0,0", "--y", "1,2"], code: 65,
                fragment: "--x/--y: arccos0 is undefined at a zero vector"),
    ]

    /// In process: the message names the flag and fits on one line; as a process: the
    /// exit status, the message on stderr, nothing on stdout.
    @Test(arguments: badCases)
    func badInputIsRefused(_ c: BadCase) throws {
        var command = try RFTool.parseAsRoot(["estimate"] + c.arguments + ["--trials", "2"].filter { _ in !c.arguments.contains("--trials") })
        do {
            try command.run()
            Issue.record("\(c) was accepted")
        } catch {
            #expect(RFTool.exitCode(for: error).rawValue == c.code, "\(c)")
        }
        let r = try Self.parseRequest(c.arguments)
        do {
            _ = try EstimateRunner.run(try r.configuration())
            Issue.record("\(c) was accepted")
        } catch let error as RFToolError {
            #expect(error.exitCode == c.code)
            #expect(error.message.contains(c.fragment), "\(c): \(error.message)")
            #expect(!error.message.contains("\n"))
        }
        let binary = try #require(ShardedParallelScriptTests.rftoolBinary, "the rftool executable is built next to the tests")
        do {
            let (status, out, err) = try Self.runBinary(binary, ["estimate"] + c.arguments)
            #expect(status == c.code && out.isEmpty, "\(c): status \(status), stdout '\(out)'")
            #expect(err.hasPrefix("rftool estimate: ") && err.contains(c.fragment) && err.filter { $0 == "\n" }.count == 1, "\(c): \(err)")
        }
    }

    static func parseRequest(_ arguments: [String]) throws -> EstimateRequest {
        let command = try RFTool.Estimate.parse(arguments)
        var r = EstimateRequest()
        r.kernel = command.kernel; r.estimator = command.estimator; r.projection = command.projection
        r.features = command.features; r.trials = command.trials; r.seed = command.seed
        r.x = command.x; r.y = command.y; r.dim = command.dim; r.input = command.input; r.radius = command.radius
        r.format = command.format; r.sigma = command.sigma; r.bias = command.bias; r.urfM = command.urfM
        return r
    }

    static func runBinary(_ binary: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func kernelsTableListsEveryEntry() throws {
        let rows = KernelsTable.rows()
        #expect(rows.count == EstimatorCatalog.all.count)
        let text = KernelsTable.render(rows)
        for entry in EstimatorCatalog.all {
            #expect(text.contains(entry.formula))
        }
        let gaussian = try #require(rows.first { $0.kernel == "gaussian" && $0.estimator == "trig" })
        #expect(gaussian.isDefault && gaussian.projections == ["iid", "orthogonal", "sorf", "fastfood", "circulant"])
        #expect(rows.first { $0.kernel == "laplace" && $0.estimator == "trig" }?.projections == ["iid", "circulant"])
        #expect(Set(rows.map(\.kernel)) == Set(["gaussian", "laplace", "cauchy", "exp", "cos", "sin", "gauss-activation",
                                                "cauchy-activation", "arccos0", "arccos1", "polynomial"]))
    }
}
