import Foundation
import Testing
@testable import Layers
import RandomFeatures

@Suite struct BundledSNNKTests {
    /// A 2-layer teacher 6 → 20 (relu) → 3 (identity).
    static let teacher = [
        TeacherLayer(weights: LayerFixtures.gaussian(rows: 20, columns: 6, scale: 1, seed: 31),
                     bias: LayerFixtures.bias(20, scale: 0.5, seed: 32), activation: .relu),
        TeacherLayer(weights: LayerFixtures.gaussian(rows: 3, columns: 20, scale: 1 / 20.0.squareRoot(), seed: 33),
                     bias: LayerFixtures.bias(3, scale: 0.1, seed: 34), activation: .identity),
    ]

    /// The fast Float forward pass against the stage towers composed naively in Double
    /// (each stage's reference tower) times Θ: 1e-4 relative.
    @Test func forwardMatchesMaterialisedComposition() throws {
        let x = LayerFixtures.gaussian(rows: 300, columns: 6, scale: 1, seed: 35)
        let bundle = try BundledSNNK.fit(teacher: Self.teacher, calibration: x, features: [64], ridge: 1e-6, seed: 3)
        #expect(bundle.stages.count == 1)  // the trailing identity layer folds into Θ
        let probe = Matrix<Double>(rows: 5, columns: 6, storage: Array(x.storage.prefix(30)))
        let features = try bundle.stages.reduce(probe) { try $1.referenceInputFeatures($0) }
        let reference = LayerFixtures.naiveOutput(features: features, weights: bundle.outputWeights, bias: bundle.outputBias)
        #expect(LayerFixtures.relativeError(try bundle.forward(probe.converted()), reference) <= 1e-4)
        #expect(bundle.parameterCount == 3 * 64 + 3)
    }

    /// The bundled fit against the best affine map on held-out inputs, two stages
    /// (relu → relu → identity teacher), and the fit against independent normal equations.
    @Test func twoStageBundleBeatsTheBestAffineMap() throws {
        let deeper = [
            TeacherLayer(weights: LayerFixtures.gaussian(rows: 16, columns: 6, scale: 1, seed: 41),
                         bias: LayerFixtures.bias(16, scale: 0.5, seed: 42), activation: .relu),
            TeacherLayer(weights: LayerFixtures.gaussian(rows: 12, columns: 16, scale: 1 / 4.0, seed: 43),
                         bias: LayerFixtures.bias(12, scale: 0.2, seed: 44), activation: .relu),
            TeacherLayer(weights: LayerFixtures.gaussian(rows: 3, columns: 12, scale: 1 / 12.0.squareRoot(), seed: 45),
                         activation: .identity),
        ]
        let x = LayerFixtures.gaussian(rows: 600, columns: 6, scale: 1, seed: 46)
        let heldOut = LayerFixtures.gaussian(rows: 300, columns: 6, scale: 1, seed: 47)
        let bundle = try BundledSNNK.fit(teacher: deeper, calibration: x, features: [128, 128], ridge: 1e-6, seed: 5)
        #expect(bundle.stages.count == 2)
        let truth = BundledSNNK.teacherOutputs(deeper, on: heldOut)
        let error = LayerFixtures.relativeError(try bundle.forward(heldOut.converted()), truth)
        let affine = try RidgeSolver.solve(features: OutputWeightFit.withOnes(x), targets: BundledSNNK.teacherOutputs(deeper, on: x), ridge: 1e-8)
        let affineError = LayerFixtures.relativeError(OutputWeightFit.withOnes(heldOut).multiplied(by: affine), truth)
        print("snnk-bundle relu-relu-identity 6→16→12→3, m = 128, 128: held-out rel_error \(error), best affine map \(affineError)")
        #expect(error < affineError)
        // Θ against Cholesky of the normal equations on F = [Φ₂(Φ₁(X)), 1].
        let f = OutputWeightFit.withOnes(try bundle.towerFeatures(x))
        let theta = LayerFixtures.normalEquations(features: f, targets: BundledSNNK.teacherOutputs(deeper, on: x), ridge: 1e-6)
        let ours = LayerFixtures.naiveOutput(features: try bundle.towerFeatures(x), weights: bundle.outputWeights, bias: bundle.outputBias)
        #expect(LayerFixtures.relativeError(ours, f.multiplied(by: theta)) <= 1e-4)
    }

    @Test func mismatchedTeacherShapesAreAClearError() throws {
        let broken = [Self.teacher[0], TeacherLayer(weights: Matrix(rows: 3, columns: 7), activation: .identity)]
        #expect(throws: LayerError.self) {
            _ = try BundledSNNK.fit(teacher: broken, calibration: Matrix(rows: 10, columns: 6), features: [8])
        }
        #expect(throws: LayerError.self) {
            _ = try BundledSNNK.fit(teacher: Self.teacher, calibration: Matrix(rows: 10, columns: 5), features: [8])
        }
    }
}

// MARK: - The real teacher: digits-mlp (ReLU MLP 64 → 1024 → 1024 → 10, in shared/data beside the clone)

/// A minimal reader for the little-endian `<f4` and `<i8` .npy files of digits-mlp.
enum TinyNPY {
    static func read(_ path: String) throws -> (shape: [Int], values: [Double]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        guard bytes.count > 10, bytes[0] == 0x93, String(decoding: bytes[1..<6], as: UTF8.self) == "NUMPY" else {
            throw LayerError("\(path): not an .npy file")
        }
        let major = bytes[6]
        let headerStart = major == 1 ? 10 : 12
        let headerLength = major == 1 ? Int(bytes[8]) | Int(bytes[9]) << 8
                                      : Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard header.contains("'fortran_order': False") else { throw LayerError("\(path): Fortran order") }
        let shapeText = header.components(separatedBy: "'shape': (")[1].components(separatedBy: ")")[0]
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let count = shape.reduce(1, *)
        let body = headerStart + headerLength
        if header.contains("'<f4'") {
            return (shape, (0..<count).map { i in
                let o = body + 4 * i
                let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
                return Double(Float(bitPattern: bits))
            })
        }
        if header.contains("'<i8'") {
            return (shape, (0..<count).map { i in
                var v: UInt64 = 0
                for k in 0..<8 { v |= UInt64(bytes[body + 8 * i + k]) << (8 * k) }
                return Double(Int64(bitPattern: v))
            })
        }
        throw LayerError("\(path): dtype not <f4 or <i8")
    }

    static func matrix(_ path: String) throws -> Matrix<Double> {
        let (shape, values) = try read(path)
        return Matrix(rows: shape[0], columns: shape.count > 1 ? shape[1] : 1, storage: values)
    }
}

/// `shared/data` beside the repository (where the project's shared folder sits, for
/// developers and CI alike), found from this file's path.
let sharedDataDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/data").path
let digitsTeacherDirectory = sharedDataDirectory + "/digits-mlp"

@Suite(.enabled(if: FileManager.default.fileExists(atPath: digitsTeacherDirectory + "/W1.npy")))
struct DigitsTeacherTests {
    static let directory = digitsTeacherDirectory

    static func argmaxAccuracy<S: BLASScalar>(_ scores: Matrix<S>, labels: [Int]) -> Double {
        var correct = 0
        for p in 0..<scores.rows {
            let row = scores.row(p)
            if row.indices.max(by: { row[$0] < row[$1] }) == labels[p] { correct += 1 }
        }
        return Double(correct) / Double(scores.rows)
    }

    /// The teacher read back reproduces its documented 0.9778; the bundled network
    /// (relu → relu towers, m = 512 each, calibrated on the 1257 training rows only)
    /// is scored on the 540 test rows and must beat a ridge classifier of the teacher's
    /// logits fitted directly on the pixels.
    @Test func bundledDigitsNetworkAgainstTheTeacher() throws {
        let layers = try (1...3).map { i in
            TeacherLayer(weights: try TinyNPY.matrix("\(Self.directory)/W\(i).npy"),
                         bias: try TinyNPY.read("\(Self.directory)/b\(i).npy").values,
                         activation: i < 3 ? .relu : .identity)
        }
        let csv = try String(contentsOfFile: sharedDataDirectory + "/digits.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
        func subset(_ file: String) throws -> (x: Matrix<Double>, labels: [Int]) {
            let index = try TinyNPY.read("\(Self.directory)/\(file)").values.map { Int($0) }
            let x = Matrix<Double>(rows: index.count, columns: 64, storage: index.flatMap { rows[$0].prefix(64).map { $0 / 16 } })
            return (x, index.map { Int(rows[$0][64]) })
        }
        let train = try subset("train_index.npy"), test = try subset("test_index.npy")
        let teacherAccuracy = Self.argmaxAccuracy(BundledSNNK.teacherOutputs(layers, on: test.x), labels: test.labels)
        #expect(abs(teacherAccuracy - 0.9778) < 1.0 / 540)

        let bundle = try BundledSNNK.fit(teacher: layers, calibration: train.x, features: [512, 512], ridge: 1e-4, seed: 1)
        let logits = BundledSNNK.teacherOutputs(layers, on: test.x)
        let predicted = try bundle.forward(test.x.converted())
        let accuracy = Self.argmaxAccuracy(predicted, labels: test.labels)
        let linear = try RidgeSolver.solve(features: OutputWeightFit.withOnes(train.x),
                                           targets: BundledSNNK.teacherOutputs(layers, on: train.x), ridge: 1e-4)
        let linearAccuracy = Self.argmaxAccuracy(OutputWeightFit.withOnes(test.x).multiplied(by: linear), labels: test.labels)
        let logitError: Double = LayerFixtures.relativeError(predicted, logits)
        let teacherParameters: Int = layers.reduce(0) { $0 + $1.weights.storage.count + $1.bias.count }
        print("digits-mlp: teacher test accuracy \(teacherAccuracy); bundled SNNK (relu, relu; m = 512, 512; λ = 1e-4) \(accuracy), logits rel_error \(logitError); ridge on pixels \(linearAccuracy); params \(bundle.parameterCount) vs teacher \(teacherParameters)")
        #expect(accuracy > linearAccuracy)
    }
}
