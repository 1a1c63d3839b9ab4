import Foundation
import RandomFeatures
import RFToolCore
import Testing
@testable import rftool

/// `rftool features` end to end: parsing in process, files written atomically,
/// bad input refused with one line naming the flag, exit 64/65 and no output file.
@Suite struct FeaturesCommandTests {
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rftool-features-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func writeInput(_ folder: URL) throws -> String {
        var g = RandomStream(seed: 5)
        let m = Matrix<Double>(rows: 6, columns: 4, storage: (0..<24).map { _ in 0.3 * Sampling.normal(using: &g) })
        let path = folder.appendingPathComponent("in.npy").path
        try NPY.encode(m).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Runs the command in process; returns the exit code (0 on success).
    func run(_ arguments: [String]) throws -> Int32 {
        var command = try RFTool.parseAsRoot(["features"] + arguments)
        do {
            try command.run()
            return 0
        } catch {
            // ExitCode is ArgumentParser's; RFTool maps any error to its exit status.
            return RFTool.exitCode(for: error).rawValue
        }
    }

    @Test func writesNPYAndCSVThatAgree() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try writeInput(folder)
        let npy = folder.appendingPathComponent("z.npy").path, csv = folder.appendingPathComponent("z.csv").path
        let common = ["--kernel", "polynomial", "--features", "8", "--seed", "3", "--input", input, "--bias", "0.5"]
        #expect(try run(common + ["--output", npy]) == 0)
        #expect(try run(common + ["--output", csv]) == 0)
        let a = try NPY.read(Data(contentsOf: URL(fileURLWithPath: npy)), flag: "", path: npy).matrix
        let b = try CSVMatrixReader.read(String(contentsOfFile: csv, encoding: .utf8), flag: "", path: csv)
        #expect(a == b)
        #expect(a.rows == 6 && a.columns == 1 + 2 * 8)   // eugen: constant + orders 1 and 2
        // Same seed, same bytes.
        let again = folder.appendingPathComponent("z2.npy").path
        #expect(try run(common + ["--output", again]) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: npy)) == Data(contentsOf: URL(fileURLWithPath: again)))
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func float32OutputAndSides() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try writeInput(folder)
        let x = folder.appendingPathComponent("x.npy").path, y = folder.appendingPathComponent("y.npy").path
        let common = ["--kernel", "cos", "--features", "16", "--input", input, "--precision", "float32", "--bias", "0.2"]
        #expect(try run(common + ["--output", x, "--side", "x"]) == 0)
        #expect(try run(common + ["--output", y, "--side", "y"]) == 0)
        let fx = try NPY.read(Data(contentsOf: URL(fileURLWithPath: x)), flag: "", path: x)
        let fy = try NPY.read(Data(contentsOf: URL(fileURLWithPath: y)), flag: "", path: y)
        #expect(fx.elementType == .float32 && fx.matrix.columns == 32)
        #expect(fx.matrix != fy.matrix)
    }

    @Test(arguments: [
        (["--kernel", "nope"], Int32(64), "--kernel: unknown kernel 'nope'; valid kernels:"),
        (["--kernel", "cos", "--estimator", "trig"], 64, "--estimator:"),
        (["--kernel", "polynomial", "--estimator", "tensorsketch", "--projection", "orthogonal"], 64, "--projection: 'orthogonal' is not meaningful for polynomial/tensorsketch; valid projections: iid"),
        (["--kernel", "cos", "--projection", "bogus"], 64, "--projection: unknown projection 'bogus'"),
        (["--kernel", "cos", "--urf-m", "abc"], 64, "--urf-m must be a number >= 0 or 'optimal'"),
        (["--kernel", "cos", "--urf-m", "optimal"], 64, "--urf-m optimal depends on the pair"),
        (["--kernel", "cos", "--precision", "half"], 64, "--precision must be float32 or float64"),
        (["--kernel", "polynomial", "--coefficients", "1,x"], 64, "--coefficients must be finite numbers"),
        (["--kernel", "polynomial", "--coefficients", "1,2", "--degree", "2"], 64, "--coefficients and --degree/--coef are alternatives"),
    ])
    func usageErrorsWriteNothing(arguments: [String], code: Int32, message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = try writeInput(folder)
        let output = folder.appendingPathComponent("out.npy").path
        let all = arguments + ["--features", "4", "--input", input, "--output", output]
        do {
            let config = try FeaturesConfiguration(
                kernel: value(all, "--kernel")!, estimator: value(all, "--estimator"), projection: value(all, "--projection") ?? "iid",
                features: 4, seed: 0, input: input, output: output, precision: value(all, "--precision") ?? "float64", side: "x",
                sigma: nil, bias: nil, coefficients: value(all, "--coefficients"), degree: value(all, "--degree").flatMap { Int($0) },
                coef: nil, urfM: value(all, "--urf-m"))
            try FeaturesRunner.run(config)
            Issue.record("must refuse \(arguments)")
        } catch let error as RFToolError {
            #expect(error.exitCode == code)
            #expect(error.message.contains(message), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
        #expect(try run(all) == code)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func dataErrorsExit65AndWriteNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = folder.appendingPathComponent("bad.csv").path
        try "1,2,3\n4,5\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.csv").path
        #expect(try run(["--kernel", "cos", "--features", "4", "--input", bad, "--output", output]) == 65)
        #expect(!FileManager.default.fileExists(atPath: output))
        let missing = folder.appendingPathComponent("missing.npy").path
        #expect(try run(["--kernel", "cos", "--features", "4", "--input", missing, "--output", output]) == 65)
        #expect(try run(["--kernel", "cos", "--features", "0", "--input", bad, "--output", output]) == 64)
        #expect(!FileManager.default.fileExists(atPath: output))
        // Overflowing features are refused rather than written as inf.
        let huge = folder.appendingPathComponent("huge.csv").path
        try "40,0\n".write(toFile: huge, atomically: true, encoding: .utf8)
        #expect(try run(["--kernel", "cos", "--features", "4", "--input", huge, "--output", output]) == 65)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func negativeURFMIsRefused() throws {
        #expect(throws: RFToolError.self) {
            try KernelParameterFlags.parameters(sigma: nil, bias: nil, coefficients: nil, degree: nil, coef: nil, urfM: "-1")
        }
        #expect(try run(["--kernel", "cos", "--features", "4", "--input", "a.csv", "--output", "b.csv", "--urf-m=-1"]) == 64)
    }

    private func value(_ arguments: [String], _ flag: String) -> String? {
        arguments.firstIndex(of: flag).map { arguments[$0 + 1] }
    }
}
