import Foundation
import Layers
import RandomFeatures

/// Reading the `.npy` files of the layer commands, each error one line naming its flag:
/// a name not ending in .npy is a usage error (64); an unreadable file, a dtype other
/// than float32/float64, the wrong rank or a non-finite value is a data error (65).
enum LayerInputFiles {
    static func requireNPY(_ path: String, flag: String) throws {
        guard path.hasSuffix(".npy") else {
            throw RFToolError.usage("\(flag): expected a .npy file (NumPy array, float32 or float64); got '\(path)'")
        }
    }

    /// A 2-D array (with `allowVector`, also a 1-D array as one row).
    static func matrix(_ path: String, flag: String, allowVector: Bool = false) throws -> Matrix<Double> {
        try requireNPY(path, flag: flag)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RFToolError.data("\(flag): cannot read '\(path)': \(error.localizedDescription)")
        }
        let matrix = try NPY.read(data, flag: flag, path: path, allowVector: allowVector).matrix
        if let bad = matrix.storage.firstIndex(where: { !$0.isFinite }) {
            throw RFToolError.data("\(flag): \(path) entry \(bad) holds \(matrix.storage[bad]); NaN and inf are refused")
        }
        guard matrix.rows >= 1, matrix.columns >= 1 else {
            throw RFToolError.data("\(flag): \(path) has no data (shape \(matrix.rows)×\(matrix.columns))")
        }
        return matrix
    }

    /// A bias vector of `count` entries: shape (count,), (1, count) or (count, 1).
    static func vector(_ path: String, flag: String, count: Int) throws -> [Double] {
        let m = try matrix(path, flag: flag, allowVector: true)
        guard m.storage.count == count, m.rows == 1 || m.columns == 1 else {
            throw RFToolError.data("\(flag): \(path) has shape \(m.rows)×\(m.columns) but the teacher has \(count) output rows; need \(count) entries")
        }
        return m.storage
    }

    /// Parses `--activation`.
    static func activation(_ name: String) throws -> Activation {
        guard let a = Activation(rawValue: name) else {
            throw RFToolError.usage("--activation: unknown activation '\(name)'; valid: \(Activation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return a
    }

    /// Parses `--coefficients a0,a1,...`; required exactly when the activation is polynomial.
    static func coefficients(_ text: String?, activation: Activation) throws -> [Double] {
        guard activation == .polynomial else {
            if text != nil { throw RFToolError.usage("--coefficients applies only to --activation polynomial") }
            return []
        }
        guard let text else { throw RFToolError.usage("--coefficients: --activation polynomial needs its coefficients a0,a1,...") }
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw RFToolError.usage("--coefficients: expected comma-separated finite numbers a0,a1,...; got '\(text)'")
        }
        return values.map { $0! }
    }

    /// Parses `--projection`.
    static func projection(_ name: String) throws -> ProjectionKind {
        guard let p = ProjectionKind(rawValue: name) else {
            throw RFToolError.usage("--projection: unknown projection '\(name)'; valid: \(ProjectionKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return p
    }

    /// The kind, checked against the registry and against the activation (usage errors).
    static func kind(_ name: String, activation: Activation, flag: String = "--kind") throws -> LayerKind {
        let kind: LayerKind
        do { kind = try LayerKinds.named(name, flag: flag) } catch let error as LayerError {
            throw RFToolError.usage(error.description)
        }
        guard kind.activations.contains(activation) else {
            throw RFToolError.usage("--activation: kind \(name) does not support \(activation.rawValue); it supports \(kind.activations.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    /// A `LayerError` from fitting as a command-line error: reasons about a flag
    /// (they start with "--": a missing or out-of-range hyper-parameter) are usage
    /// errors, the rest (a singular least-squares problem) data errors.
    static func commandError(_ error: LayerError) -> RFToolError {
        error.description.hasPrefix("--") ? .usage(error.description) : .data(error.description)
    }
}

/// ‖Y − Y_teacher‖_F / ‖Y_teacher‖_F in Double.
public func relativeFrobeniusError(_ y: Matrix<Float>, teacher: Matrix<Double>) -> Double {
    precondition(y.rows == teacher.rows && y.columns == teacher.columns)
    var num = 0.0, den = 0.0
    for i in teacher.storage.indices {
        let e = Double(y.storage[i]) - teacher.storage[i]
        num += e * e
        den += teacher.storage[i] * teacher.storage[i]
    }
    return den > 0 ? (num / den).squareRoot() : (num > 0 ? .infinity : 0)
}
