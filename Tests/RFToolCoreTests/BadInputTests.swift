import Estimators
import Foundation
import Testing
@testable import RFToolCore

/// Bad input: a one-line error naming the flag, exit 64 (usage) or 65 (data),
/// and no output file.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        let description: String
        let kind: RFToolError.Kind
        let fragment: String
        let apply: @Sendable (inout VarianceSweepRequest, String) throws -> Void
    }

    static func base(_ dir: String) -> VarianceSweepRequest {
        var r = VarianceSweepRequest()
        r.kernel = "gaussian"
        r.estimator = "trig"
        r.dim = "4"
        r.features = "8"
        r.pairs = 3
        r.trials = 10
        r.out = "\(dir)/out/bad.csv"
        r.quiet = true
        return r
    }

    static func write(_ text: String, _ dir: String, _ name: String) -> String {
        let path = "\(dir)/\(name)"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static let cases: [Case] = [
        Case(description: "empty list", kind: .usage, fragment: "--dim: empty list") { r, _ in r.dim = "" },
        Case(description: "empty item", kind: .usage, fragment: "--features: empty item") { r, _ in r.features = "8,,16" },
        Case(description: "malformed number", kind: .usage, fragment: "--features: 'x8' is not an integer") { r, _ in r.features = "8,x8" },
        Case(description: "zero dimension", kind: .usage, fragment: "--dim: '0' is not an integer ≥ 1") { r, _ in r.dim = "0" },
        Case(description: "unknown kernel", kind: .usage, fragment: "--kernel: unknown kernel 'gauss'; valid kernels: gaussian") { r, _ in r.kernel = "gauss" },
        Case(description: "unknown estimator", kind: .usage, fragment: "--estimator: unknown estimator 'trg' for kernels gaussian; valid: trig, trig-bare") { r, _ in r.estimator = "trig,trg" },
        Case(description: "unknown projection", kind: .usage, fragment: "--projection: unknown projection 'qr'; valid projections: iid, orthogonal, sorf") { r, _ in r.projection = "qr" },
        Case(description: "shard index = n", kind: .usage, fragment: "--shard: the index i must be in 0...2") { r, _ in r.shard = "3/3" },
        Case(description: "shard negative", kind: .usage, fragment: "--shard: the index i must be in 0...2") { r, _ in r.shard = "-1/3" },
        Case(description: "shard malformed", kind: .usage, fragment: "--shard: expected i/n") { r, _ in r.shard = "1of3" },
        Case(description: "shard count 0", kind: .usage, fragment: "--shard: the shard count n must be at least 1") { r, _ in r.shard = "0/0" },
        Case(description: "one trial", kind: .usage, fragment: "--trials: must be at least 2") { r, _ in r.trials = 1 },
        Case(description: "zero threads", kind: .usage, fragment: "--threads: must be at least 1") { r, _ in r.threads = 0 },
        Case(description: "output not csv", kind: .usage, fragment: "--out: the output must be a file name ending in .csv") { r, d in r.out = "\(d)/out/bad.txt" },
        Case(description: "unknown preset", kind: .usage, fragment: "--preset: unknown preset 'fast'; valid presets: default, orf-vs-iid, protocol") { r, _ in r.preset = "fast" },
        Case(description: "preset with grid flags", kind: .usage, fragment: "--kernel cannot be combined with --preset") { r, _ in r.preset = "orf-vs-iid" },
        Case(description: "bad sigma", kind: .usage, fragment: "--sigma: must be positive") { r, _ in r.sigma = -1 },
        Case(description: "bad urf-m", kind: .usage, fragment: "--urf-m: expected a number ≥ 0 or 'optimal'") { r, _ in r.urfM = "best" },
        Case(description: "radius with gaussian input", kind: .usage, fragment: "--radius: applies to sphere pairs") { r, _ in r.input = "gaussian"; r.radius = "1" },
        Case(description: "unknown input", kind: .usage, fragment: "--input: expected protocol, sphere, sphere-angles, gaussian, uniform, uniform-cross or a file ending in .csv or .npy") { r, _ in r.input = "cube" },
        Case(description: "ragged csv", kind: .data, fragment: "line 3 has 3 values, expected 4 (ragged rows)") { r, d in
            r.input = write("1,2,3,4\n1,2,3,4\n1,2,3\n1,2,3,4\n1,2,3,4\n1,2,3,4\n", d, "ragged.csv")
        },
        Case(description: "NaN in csv", kind: .data, fragment: "line 2, column 2: 'nan' is not a finite number") { r, d in
            r.input = write("a,b\n1,nan\n1,2\n3,4\n5,6\n7,8\n", d, "nan.csv")
        },
        Case(description: "text in csv", kind: .data, fragment: "line 4, column 1: 'x' is not a number") { r, d in
            r.input = write("1,2\n1,2\n3,4\nx,6\n7,8\n9,9\n", d, "text.csv")
        },
        Case(description: "too few rows", kind: .data, fragment: "has 5 rows; 3 pairs need 6") { r, d in
            r.input = write("1,2\n1,2\n3,4\n5,6\n7,8\n", d, "short.csv")
        },
        Case(description: "missing file", kind: .data, fragment: "--input: cannot read") { r, d in r.input = "\(d)/none.csv" },
        Case(description: "dim differs from file", kind: .usage, fragment: "--dim: 4 does not match the 2 columns") { r, d in
            r.input = write("1,2\n1,2\n3,4\n5,6\n7,8\n9,9\n", d, "two.csv")
        },
        Case(description: "empty kernel list", kind: .usage, fragment: "--kernel: empty list") { r, _ in r.kernel = "" },
        Case(description: "empty item in estimator list", kind: .usage, fragment: "--estimator: empty item") { r, _ in r.estimator = "trig," },
        Case(description: "empty projection list", kind: .usage, fragment: "--projection: empty list") { r, _ in r.projection = " " },
        Case(description: "malformed radius", kind: .usage, fragment: "--radius: 'one'") { r, _ in r.input = "sphere"; r.radius = "0.5,one" },
        Case(description: "non-square uniform-cross", kind: .usage, fragment: "--pairs: --input uniform-cross pairs every one of k inputs") { r, _ in r.input = "uniform-cross" },
        Case(description: "points without gram", kind: .usage, fragment: "--points: only used with --gram") { r, _ in r.points = 5 },
        Case(description: "gram with shard", kind: .usage, fragment: "--shard: not supported with --gram") { r, _ in r.gram = true; r.pairs = nil; r.shard = "0/2" },
        Case(description: "gram with pairs", kind: .usage, fragment: "--pairs: not used with --gram") { r, _ in r.gram = true },
        Case(description: "gram with zero points", kind: .usage, fragment: "--points: must be at least 1") { r, _ in r.gram = true; r.pairs = nil; r.points = 0 },
        Case(description: "gram with a point-wise preset", kind: .usage, fragment: "--gram cannot be combined with --preset orf-vs-iid") { r, _ in
            let out = r.out
            r = VarianceSweepRequest()
            r.out = out
            r.quiet = true
            r.gram = true
            r.preset = "orf-vs-iid"
        },
        Case(description: "gram: fewer rows than 2 x points", kind: .data, fragment: "--points 3 needs 2 × 3 = 6") { r, d in
            r.gram = true; r.pairs = nil; r.points = 3; r.dim = nil
            r.input = write("1,2\n1,2\n3,4\n5,6\n7,8\n", d, "gshort.csv")
        },
        Case(description: "gram: ragged file", kind: .data, fragment: "line 2 has 1 values, expected 2 (ragged rows)") { r, d in
            r.gram = true; r.pairs = nil; r.points = 1; r.dim = nil
            r.input = write("1,2\n3\n", d, "gragged.csv")
        },
        Case(description: "gram: text in file", kind: .data, fragment: "line 3, column 2: 'abc' is not a number") { r, d in
            r.gram = true; r.pairs = nil; r.points = 1; r.dim = nil
            r.input = write("a,b\n1,2\n3,abc\n", d, "gtext.csv")
        },
        Case(description: "NaN in npy", kind: .data, fragment: "holds nan; NaN and inf are refused") { r, d in
            var payload = Data()
            for v in [1.0, 2, 3, .nan, 5, 6, 7, 8, 9, 10, 11, 12] { withUnsafeBytes(of: v.bitPattern.littleEndian) { payload.append(contentsOf: $0) } }
            let path = "\(d)/nan.npy"
            FileManager.default.createFile(atPath: path, contents: DataFileTests.npy(descr: "<f8", shape: "(6, 2)", payload: payload))
            r.input = path
            r.dim = nil
        },
        Case(description: "npy of int64", kind: .data, fragment: "dtype '<i8' is not supported") { r, d in
            let path = "\(d)/ints.npy"
            FileManager.default.createFile(atPath: path, contents: DataFileTests.npy(descr: "<i8", shape: "(6, 2)", payload: Data(count: 96)))
            r.input = path
            r.dim = nil
        },
    ]

    @Test(arguments: cases)
    func refusedWithOneLineAndNoOutput(_ c: Case) throws {
        let dir = try temporaryFolder()
        var r = Self.base(dir)
        try c.apply(&r, dir)
        do {
            let config = try r.configuration(lookup: TestCatalog.lookup)
            _ = try VarianceSweep.run(config, log: { _ in }, progressMode: .off)
            Issue.record("\(c) was accepted")
        } catch let error as RFToolError {
            #expect(error.kind == c.kind, "\(c): \(error.message)")
            #expect(error.exitCode == (c.kind == .usage ? 64 : 65))
            #expect(error.message.contains(c.fragment), "\(c): \(error.message)")
            #expect(!error.message.contains("\n"))
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out"), "\(c) left output behind")
    }

    @Test func noMeaningfulCellIsAnError() throws {
        // iid is the only projection that can be drawn, and the estimators refuse sorf.
        let dir = try temporaryFolder()
        var r = Self.base(dir)
        r.projection = "sorf"
        var notes: [String] = []
        #expect {
            _ = try VarianceSweep.run(try r.configuration(lookup: TestCatalog.lookup), log: { notes.append($0) }, progressMode: .off)
        } throws: { ($0 as? RFToolError)?.kind == .usage }
        #expect(notes == ["variance-sweep: skipping gaussian/trig with projection sorf: not meaningful for this estimator (valid: iid, orthogonal)"])
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out"))
    }

    @Test func emptyCatalogueIsNamed() {
        #expect {
            _ = try VarianceSweepRequest().configuration(lookup: EstimatorLookup([]))
        } throws: { ($0 as? RFToolError)?.message.contains("the estimator catalogue is empty") == true }
    }
}
