import Foundation
import Testing
import Layers
import RandomFeatures
@testable import rftool
@testable import RFToolCore

/// `fit-layer --kind bundled` (issue 5, the fully bundled SNNK network): lists of teacher
/// files, the saved layer reloading bit for bit through `apply-layer`, one-line errors.
@Suite struct BundledLayerCommandTests {
    typealias T = LayerCommandTests

    /// A 6 → 10 → 3 teacher (relu, relu) written as .npy, and 60 calibration rows.
    static func files(_ dir: String) -> (w: [String], b: [String], x: String) {
        (["W1.npy", "W2.npy"].enumerated().map { i, name in
            T.write(T.gaussian(i == 0 ? 10 : 3, i == 0 ? 6 : 10, seed: 21 + UInt64(i), scale: 0.5).converted(to: Float.self), dir, name)
         },
         ["b1.npy", "b2.npy"].enumerated().map { i, name in T.write(T.gaussian(1, i == 0 ? 10 : 3, seed: 31 + UInt64(i)), dir, name) },
         T.write(T.gaussian(60, 6, seed: 41), dir, "X.npy"))
    }

    static func teacher(_ dir: String) throws -> [TeacherLayer] {
        let f = files(dir)
        return try (0..<2).map { i in
            TeacherLayer(weights: try LayerInputFiles.matrix(f.w[i], flag: ""),
                         bias: try LayerInputFiles.matrix(f.b[i], flag: "").storage, activation: .relu)
        }
    }

    @Test func fitBundledThenApplyReproducesTheLibraryBitForBit() throws {
        let dir = T.folder()
        let f = Self.files(dir)
        let report = try FitLayerRunner.run(FitLayerConfiguration(
            teacher: f.w.joined(separator: ","), bias: f.b.joined(separator: ","), activation: "relu,relu", kind: "bundled",
            calibration: f.x, ridge: 1e-6, seed: 7, out: "\(dir)/net.json", stageFeatures: [24, 16]))
        #expect(report.kind == "bundled" && report.calibrationRows == 48 && report.holdoutRows == 12)
        #expect(report.parameterCount == 3 * 16 + 3)
        for name in ["net.json", "net.theta.npy", "net.bias.npy"] { #expect(FileManager.default.fileExists(atPath: "\(dir)/\(name)")) }

        // The same fit through the library, on the same rows, rounded the same way.
        let teacher = try Self.teacher(dir)
        let x = try LayerInputFiles.matrix(f.x, flag: "")
        let library = try BundledSNNK.fit(teacher: teacher, calibration: FitLayerRunner.rows(x, 0..<48), features: [24, 16],
                                          ridge: 1e-6, seed: 7)
        let heldOut = FitLayerRunner.rows(x, 48..<60)
        let expectedError = relativeFrobeniusError(try library.forward(heldOut.converted()),
                                                   teacher: BundledSNNK.teacherOutputs(teacher, on: heldOut))
        #expect(report.relativeError == expectedError)
        #expect(report.relativeError > 0 && report.relativeError < 1)

        let loaded = try LayerFile.load("\(dir)/net.json")
        #expect(loaded.record == library.record)
        #expect(loaded.record.stageActivations == [.relu, .relu])
        #expect(loaded.record.parameters == ["stages": 2, "features_0": 24, "features_1": 16])
        try ApplyLayerRunner.run(layer: "\(dir)/net.json", input: f.x, output: "\(dir)/Y.npy")
        let y = try NPY.read(Data(contentsOf: URL(fileURLWithPath: "\(dir)/Y.npy")), flag: "", path: "")
        #expect(y.elementType == .float32 && y.matrix.rows == 60 && y.matrix.columns == 3)
        let expected = try library.forward(x.converted())
        #expect(y.matrix.storage.map { Float($0).bitPattern } == expected.storage.map(\.bitPattern))
    }

    /// A trailing identity layer folds into Θ (one stage), and a single teacher file is
    /// also a bundled network; both reload bit for bit.
    @Test(arguments: [("relu,identity", 2), ("gelu", 1)])
    func identityTailAndSingleTeacher(activations: String, layers: Int) throws {
        let dir = T.folder()
        let f = Self.files(dir)
        let report = try FitLayerRunner.run(FitLayerConfiguration(
            teacher: f.w.prefix(layers).joined(separator: ","), activation: activations, kind: "bundled", features: 20,
            calibration: f.x, projection: "orthogonal", seed: UInt64.max - 3, out: "\(dir)/net.json"))
        #expect(report.parameterCount == (layers == 2 ? 3 : 10) * 21)
        let loaded = try LayerFile.load("\(dir)/net.json")
        #expect(loaded.record.parameters["stages"] == 1)
        let acts = try activations.split(separator: ",").map { try LayerInputFiles.activation(String($0)) }
        let teacher = try (0..<layers).map { i in TeacherLayer(weights: try LayerInputFiles.matrix(f.w[i], flag: ""), activation: acts[i]) }
        let library = try BundledSNNK.fit(teacher: teacher, calibration: FitLayerRunner.rows(try LayerInputFiles.matrix(f.x, flag: ""), 0..<48),
                                          features: [20], projection: .orthogonal, seed: UInt64.max - 3)
        let x: Matrix<Float> = T.gaussian(5, 6, seed: 9).converted()
        #expect(try loaded.forward(x).storage.map(\.bitPattern) == library.forward(x).storage.map(\.bitPattern))
        let bundle = try #require(loaded as? BundledSNNK)
        #expect(bundle.stages[0].projectionKind == .orthogonal && bundle.stages[0].seed == UInt64.max - 3)
    }

    static let badCases: [LayerCommandTests.BadCase] = [
        .init(description: "list with another kind", kind: .usage, fragment: "--teacher: a comma-separated list needs --kind bundled") { c, _ in
            c.kind = "dense"
        },
        .init(description: "features list with another kind", kind: .usage, fragment: "--features: a list of m needs --kind bundled") { c, _ in
            c.kind = "snnk"
            c.teacher = String(c.teacher.split(separator: ",")[0])
            c.bias = nil
            c.activation = "relu"
        },
        .init(description: "activation count", kind: .usage, fragment: "--activation: kind bundled needs one activation per --teacher file (2); got 3") { c, _ in
            c.activation = "relu,relu,relu"
        },
        .init(description: "bias count", kind: .usage, fragment: "--bias: kind bundled needs one bias file per --teacher file (2); got 1") { c, _ in
            c.bias = String(c.bias!.split(separator: ",")[0])
        },
        .init(description: "features count", kind: .usage, fragment: "--features: kind bundled needs one m or one per nonlinear teacher layer (2); got 3") { c, _ in
            c.stageFeatures = [8, 8, 8]
        },
        .init(description: "no features", kind: .usage, fragment: "--features: kind bundled needs m") { c, _ in
            c.stageFeatures = nil
        },
        .init(description: "identity in the middle", kind: .usage, fragment: "does not support identity at layer 1") { c, _ in
            c.activation = "identity,relu"
        },
        .init(description: "shapes do not chain", kind: .data, fragment: "(layer 2) takes 6 inputs but layer 1 gives 10") { c, _ in
            let w = c.teacher.split(separator: ",")
            c.teacher = "\(w[0]),\(w[0])"
            c.bias = nil
        },
    ]

    @Test(arguments: badCases)
    func badInputIsOneLineAndWritesNothing(_ bad: LayerCommandTests.BadCase) throws {
        let dir = T.folder()
        let f = Self.files(dir)
        var c = FitLayerConfiguration(teacher: f.w.joined(separator: ","), bias: f.b.joined(separator: ","), activation: "relu,relu",
                                      kind: "bundled", calibration: f.x, out: "\(dir)/out/net.json", stageFeatures: [8, 8])
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

    @Test func featuresFlagTakesOneOrAList() throws {
        let fit = try RFTool.FitLayer.parse([
            "--teacher", "W1.npy,W2.npy", "--bias", "b1.npy,b2.npy", "--activation", "relu,relu", "--kind", "bundled",
            "--features", "512,512", "--calibration", "X.npy", "--out", "net.json"])
        #expect(fit.features == "512,512")
        #expect(try FitLayerConfiguration.parseFeatures("512,256") == (nil, [512, 256]))
        #expect(try FitLayerConfiguration.parseFeatures("64") == (64, nil))
        #expect(try FitLayerConfiguration.parseFeatures(nil) == (nil, nil))
        #expect(throws: RFToolError.self) { try FitLayerConfiguration.parseFeatures("64,x") }
    }
}
