import Foundation
import Layers
import RandomFeatures

/// `rftool fit-layer --kind bundled`: the fully bundled SNNK network (ALGORITHMS.md §6.2,
/// `BundledSNNK`). `--teacher`, `--bias` and `--activation` are comma-separated lists with
/// one entry per teacher layer (W₁ first); `--features` is one m or one per nonlinear
/// layer (a trailing identity layer folds into Θ). rel_error compares with the whole
/// teacher network's output on the held-out rows.
enum FitBundledRunner {
    static func list(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func run(_ c: FitLayerConfiguration) throws -> FitLayerReport {
        let kind = BundledSNNK.kindName
        // Flags first (usage, 64).
        let teacherPaths = list(c.teacher)
        let biasPaths = c.bias.map(list)
        let activations = try list(c.activation).map(LayerInputFiles.activation)
        guard activations.count == teacherPaths.count else {
            throw RFToolError.usage("--activation: kind \(kind) needs one activation per --teacher file (\(teacherPaths.count)); got \(activations.count)")
        }
        if let biasPaths, biasPaths.count != teacherPaths.count {
            throw RFToolError.usage("--bias: kind \(kind) needs one bias file per --teacher file (\(teacherPaths.count)); got \(biasPaths.count)")
        }
        if c.coefficients != nil { throw RFToolError.usage("--coefficients: kind \(kind) does not support the polynomial activation") }
        let accepted = SNNKFeatureFamily.acceptedActivations
        for (i, a) in activations.enumerated() where !accepted.contains(a) && !(a == .identity && i == activations.count - 1 && i > 0) {
            throw RFToolError.usage("--activation: kind \(kind) does not support \(a.rawValue) at layer \(i + 1); it supports \(accepted.map(\.rawValue).joined(separator: ", ")) (and identity as the last of several layers)")
        }
        let staged = activations.last == .identity ? activations.count - 1 : activations.count
        guard let features = c.stageFeatures ?? c.features.map({ [$0] }) else {
            throw RFToolError.usage("--features: kind \(kind) needs m (one, or one per nonlinear teacher layer: \(staged))")
        }
        guard features.count == 1 || features.count == staged else {
            throw RFToolError.usage("--features: kind \(kind) needs one m or one per nonlinear teacher layer (\(staged)); got \(features.count)")
        }
        guard features.allSatisfy({ $0 >= 1 }) else {
            throw RFToolError.usage("--features: every m must be at least 1; got \(features.map(String.init).joined(separator: ","))")
        }
        let projection = try LayerInputFiles.projection(c.projection)
        guard c.ridge >= 0, c.ridge.isFinite else { throw RFToolError.usage("--ridge must be a finite number >= 0; got \(c.ridge)") }
        guard c.out.hasSuffix(".json") else { throw RFToolError.usage("--out: the layer file must end in .json; got '\(c.out)'") }
        for (flag, path) in teacherPaths.map({ ("--teacher", $0) }) + (biasPaths ?? []).map({ ("--bias", $0) })
            + [("--calibration", c.calibration)] + (c.holdout.map { [("--holdout", $0)] } ?? []) {
            try LayerInputFiles.requireNPY(path, flag: flag)
        }
        // Data (65): the shapes must chain, W_{i+1} taking W_i's outputs.
        var teacher = [TeacherLayer]()
        for (i, path) in teacherPaths.enumerated() {
            let w = try LayerInputFiles.matrix(path, flag: "--teacher")
            if let previous = teacher.last, w.columns != previous.weights.rows {
                throw RFToolError.data("--teacher: \(path) (layer \(i + 1)) takes \(w.columns) inputs but layer \(i) gives \(previous.weights.rows) (W is out × in)")
            }
            let b = try biasPaths.map { try LayerInputFiles.vector($0[i], flag: "--bias", count: w.rows) }
            teacher.append(TeacherLayer(weights: w, bias: b, activation: activations[i]))
        }
        let x = try LayerInputFiles.matrix(c.calibration, flag: "--calibration")
        let inputs = teacher[0].weights.columns
        guard x.columns == inputs else {
            throw RFToolError.data("--calibration: rows have \(x.columns) columns but the first teacher layer takes \(inputs) inputs")
        }
        let (fitRows, heldOut) = try FitLayerRunner.split(x, holdout: c.holdout, inputs: inputs)
        let layer: BundledSNNK
        do {
            layer = try BundledSNNK.fit(teacher: teacher, calibration: fitRows, features: features, projection: projection,
                                        ridge: c.ridge, seed: c.seed)
        } catch let error as LayerError {
            throw LayerInputFiles.commandError(error)
        }
        let y = try layer.forward(heldOut.converted())
        let error = relativeFrobeniusError(y, teacher: BundledSNNK.teacherOutputs(teacher, on: heldOut))
        try LayerFile.save(layer, to: c.out)
        return FitLayerReport(kind: layer.kind, parameterCount: layer.parameterCount, storedBytes: layer.storedBytes,
                              multiplyAdds: layer.multiplyAddsPerInput, calibrationRows: fitRows.rows,
                              holdoutRows: heldOut.rows, relativeError: error)
    }
}
