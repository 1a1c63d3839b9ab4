import Foundation
import Testing
import Layers
import RandomFeatures
@testable import rftool
@testable import RFToolCore

/// Layer files, fit-layer, apply-layer and layer-bench (issue 5): bit-for-bit reloads,
/// one-line errors with exit 64/65 and nothing written.
@Suite struct LayerCommandTests {
    static func gaussian(_ rows: Int, _ columns: Int, seed: UInt64, scale: Double = 1) -> Matrix<Double> {
        var s = RandomStream(seed: seed)
        return Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in scale * Sampling.normal(using: &s) })
    }

    static func folder() -> String {
        let path = NSTemporaryDirectory() + "rftool-layer-tests-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write<S: BLASScalar>(_ m: Matrix<S>, _ dir: String, _ name: String) -> String {
        let path = "\(dir)/\(name)"
        try! NPY.encode(m).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func request(kind: String, seed: UInt64) -> LayerFitRequest {
        LayerFitRequest(teacherWeights: gaussian(8, 12, seed: 1), teacherBias: gaussian(1, 8, seed: 2).storage,
                        activation: .gelu, calibration: gaussian(60, 12, seed: 3), rank: 3,
                        blocks: kind == "acdc" ? 2 : 4, ridge: 1e-6, projection: kind == "prp" ? .orthogonal : .iid, seed: seed)
    }

    /// Every kind saves and reloads to the same record, the same Float arrays (bit patterns)
    /// and the same outputs; the seed survives JSON even above 2^53.
    @Test(arguments: ["dense", "prp", "dyad", "lowrank", "acdc"])
    func layerFileReloadsBitForBit(kind: String) throws {
        let dir = Self.folder()
        let layer = try LayerKinds.fit(kind: kind, Self.request(kind: kind, seed: UInt64.max - 12345))
        let path = "\(dir)/layer.json"
        try LayerFile.save(layer, to: path)
        let loaded = try LayerFile.load(path)
        #expect(loaded.record == layer.record)
        #expect(Set(loaded.arrays.keys) == Set(layer.arrays.keys))
        for (name, a) in layer.arrays {
            #expect(loaded.arrays[name]!.storage.map(\.bitPattern) == a.storage.map(\.bitPattern))
        }
        let x: Matrix<Float> = Self.gaussian(5, 12, seed: 4).converted()
        #expect(try loaded.forward(x).storage.map(\.bitPattern) == layer.forward(x).storage.map(\.bitPattern))
        for name in layer.arrays.keys { #expect(FileManager.default.fileExists(atPath: "\(dir)/layer.\(name).npy")) }
    }

    static func files(_ dir: String) -> (teacher: String, bias: String, calibration: String) {
        (write(gaussian(6, 8, seed: 11).converted(to: Float.self), dir, "W.npy"),
         write(Matrix<Float>(rows: 1, columns: 6, storage: gaussian(1, 6, seed: 12).storage.map(Float.init)), dir, "b.npy"),
         write(gaussian(40, 8, seed: 13), dir, "X.npy"))
    }

    @Test func fitAndApplyLayer() throws {
        let dir = Self.folder()
        let f = Self.files(dir)
        let report = try FitLayerRunner.run(FitLayerConfiguration(
            teacher: f.teacher, bias: f.bias, activation: "relu", kind: "dense", calibration: f.calibration, out: "\(dir)/d.json"))
        #expect(report.holdoutRows == 8 && report.calibrationRows == 32)
        #expect(report.relativeError < 1e-6)   // dense is the teacher rounded to Float
        let lowrank = try FitLayerRunner.run(FitLayerConfiguration(
            teacher: f.teacher, bias: f.bias, activation: "relu", kind: "lowrank", rank: 2, calibration: f.calibration,
            out: "\(dir)/r.json"))
        #expect(lowrank.relativeError > 0.01 && lowrank.parameterCount == 2 * (8 + 6) + 6)

        try ApplyLayerRunner.run(layer: "\(dir)/r.json", input: f.calibration, output: "\(dir)/Y.npy")
        let y = try NPY.read(Data(contentsOf: URL(fileURLWithPath: "\(dir)/Y.npy")), flag: "", path: "")
        #expect(y.elementType == .float32 && y.matrix.rows == 40 && y.matrix.columns == 6)
        let expected = try LayerFile.load("\(dir)/r.json").forward(Self.gaussian(40, 8, seed: 13).converted())
        #expect(y.matrix.storage.map { Float($0) } == expected.storage)
    }

    struct BadCase: Sendable, CustomStringConvertible {
        let description: String
        let kind: RFToolError.Kind
        let fragment: String
        let apply: @Sendable (inout FitLayerConfiguration, String) -> Void
    }

    /// `data` with the first occurrence of the ASCII text `old` replaced by `new` (same length).
    static func patched(_ data: Data, _ old: String, _ new: String) -> Data {
        precondition(old.utf8.count == new.utf8.count)
        var bytes = [UInt8](data)
        let o = Array(old.utf8)
        let at = (0...(bytes.count - o.count)).first { Array(bytes[$0..<($0 + o.count)]) == o }!
        bytes.replaceSubrange(at..<(at + o.count), with: Array(new.utf8))
        return Data(bytes)
    }

    static let badCases: [BadCase] = [
        BadCase(description: "teacher not npy", kind: .usage, fragment: "--teacher: expected a .npy file") { c, d in
            c.teacher = "\(d)/W.csv"
        },
        BadCase(description: "wrong dtype", kind: .data, fragment: "dtype '<i8' is not supported") { c, d in
            let data = patched(NPY.encode(Matrix<Double>(rows: 6, columns: 8)), "<f8", "<i8")
            try! data.write(to: URL(fileURLWithPath: "\(d)/int.npy"))
            c.teacher = "\(d)/int.npy"
        },
        BadCase(description: "wrong rank", kind: .data, fragment: "need a 2-D array") { c, d in
            // Same byte count: "(6, 8), } " becomes "(6,4,2), }" (the header's padding absorbs it).
            let data = patched(NPY.encode(Matrix<Float>(rows: 6, columns: 8)), "(6, 8), } ", "(6,4,2), }")
            try! data.write(to: URL(fileURLWithPath: "\(d)/3d.npy"))
            c.calibration = "\(d)/3d.npy"
        },
        BadCase(description: "not an npy file", kind: .data, fragment: "missing the \\x93NUMPY magic") { c, d in
            try! Data("1,2,3\n".utf8).write(to: URL(fileURLWithPath: "\(d)/fake.npy"))
            c.teacher = "\(d)/fake.npy"
        },
        BadCase(description: "bias length", kind: .data, fragment: "--bias:") { c, d in
            c.bias = write(Matrix<Float>(rows: 1, columns: 5), d, "b5.npy")
        },
        BadCase(description: "calibration columns", kind: .data, fragment: "--calibration: rows have 7 columns but the teacher takes 8") { c, d in
            c.calibration = write(Matrix<Double>(rows: 20, columns: 7), d, "X7.npy")
        },
        BadCase(description: "unknown kind", kind: .usage, fragment: "--kind: unknown or unavailable kind 'snnk2'; valid kinds: dense") { c, _ in
            c.kind = "snnk2"
        },
        BadCase(description: "unknown activation", kind: .usage, fragment: "--activation: unknown activation 'softplus'") { c, _ in
            c.activation = "softplus"
        },
        BadCase(description: "polynomial without coefficients", kind: .usage, fragment: "--coefficients:") { c, _ in
            c.activation = "polynomial"
        },
        BadCase(description: "dyad blocks do not divide", kind: .usage, fragment: "--blocks: k = 3 must divide") { c, _ in
            c.kind = "dyad"
            c.blocks = 3
        },
        BadCase(description: "lowrank without rank", kind: .usage, fragment: "--rank is required for --kind lowrank") { c, _ in
            c.kind = "lowrank"
        },
        BadCase(description: "out not json", kind: .usage, fragment: "--out: the layer file must end in .json") { c, d in
            c.out = "\(d)/out/layer.txt"
        },
        BadCase(description: "negative ridge", kind: .usage, fragment: "--ridge must be a finite number >= 0") { c, _ in
            c.ridge = -1
        },
    ]

    @Test(arguments: badCases)
    func badInputIsOneLineAndWritesNothing(_ bad: BadCase) throws {
        let dir = Self.folder()
        let f = Self.files(dir)
        var c = FitLayerConfiguration(teacher: f.teacher, bias: f.bias, activation: "relu", kind: "dense",
                                      calibration: f.calibration, out: "\(dir)/out/layer.json")
        bad.apply(&c, dir)
        do {
            _ = try FitLayerRunner.run(c)
            Issue.record("expected an error")
        } catch let error as RFToolError {
            #expect(error.kind == bad.kind)
            #expect(error.message.contains(bad.fragment), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/out"))
    }

    @Test func applyLayerRefusesMismatchedInput() throws {
        let dir = Self.folder()
        let f = Self.files(dir)
        _ = try FitLayerRunner.run(FitLayerConfiguration(teacher: f.teacher, activation: "identity", kind: "dense",
                                                         calibration: f.calibration, out: "\(dir)/d.json"))
        let wide = Self.write(Matrix<Double>(rows: 3, columns: 9), dir, "wide.npy")
        #expect(throws: RFToolError.self) { try ApplyLayerRunner.run(layer: "\(dir)/d.json", input: wide, output: "\(dir)/Y.npy") }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/Y.npy"))
    }

    @Test func layerBenchWritesTheContractColumns() throws {
        let dir = Self.folder()
        var c = LayerBenchmark.Configuration()
        c.inputDimension = 32
        c.outputDimension = 16
        c.batch = 8
        c.features = 8
        c.kinds = ["dyad", "lowrank", "prp", "acdc", "dense"]
        c.repetitions = 1
        c.out = "\(dir)/layers.csv"
        try Data("an older file\n".utf8).write(to: URL(fileURLWithPath: c.out))   // replaced atomically
        let rows = try LayerBenchmark.run(c)
        let text = try String(contentsOfFile: c.out, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "kind,d_in,d_out,batch,features,params,bytes,macs,median_ms,speedup_vs_dense,memory_ratio,rel_error")
        #expect(rows.map(\.kind) == ["dense", "dyad", "lowrank", "prp", "acdc"])
        #expect(lines.count == 6)
        #expect(rows[0].relativeError < 1e-6 && rows[0].speedupVersusDense == 1 && rows[0].memoryRatio == 1)
        #expect(rows[1].parameters == 2 * 32 * 16 / 4 + 16)
        #expect(rows[2].parameters == (8 * 16 / 48) * (32 + 16) + 16)
    }

    @Test func layerBenchRefusesUnavailableKinds() throws {
        let dir = Self.folder()
        var c = LayerBenchmark.Configuration()
        c.inputDimension = 32
        c.outputDimension = 16
        c.kinds = ["dense", "dyad", "hashednet"]
        c.out = "\(dir)/layers.csv"
        do {
            _ = try LayerBenchmark.run(c)
            Issue.record("expected an error")
        } catch let error as RFToolError {
            #expect(error.kind == .usage)
            #expect(error.message == "--kinds: unknown or unavailable kind 'hashednet'; valid kinds: \(LayerKinds.names.joined(separator: ", "))")
        }
        #expect(!FileManager.default.fileExists(atPath: c.out))
    }

    @Test func layerCommandFlagsParse() throws {
        let fit = try RFTool.FitLayer.parse([
            "--teacher", "W.npy", "--bias", "b.npy", "--activation", "gelu", "--kind", "dyad", "--features", "64",
            "--order", "2", "--rank", "8", "--blocks", "4", "--calibration", "X.npy", "--ridge", "0.1", "--out", "l.json"])
        #expect(fit.teacher == "W.npy" && fit.bias == "b.npy" && fit.kind == "dyad" && fit.blocks == 4 && fit.ridge == 0.1)
        let bench = try RFTool.LayerBench.parse([
            "--d-in", "4096", "--d-out", "4096", "--batch", "256", "--features", "1024",
            "--kinds", "dense,snnk,eugen,prp,dyad,lowrank,acdc", "--activation", "gelu", "--teacher", "random",
            "--out", "results/layers.csv"])
        #expect(bench.dIn == 4096 && bench.kinds == "dense,snnk,eugen,prp,dyad,lowrank,acdc" && bench.teacher == "random")
        let names = RFTool.configuration.subcommands.map { $0.configuration.commandName }
        #expect(names.contains("fit-layer") && names.contains("apply-layer") && names.contains("layer-bench"))
    }
}
