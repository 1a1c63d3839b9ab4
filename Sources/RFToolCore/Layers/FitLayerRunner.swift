import Foundation
import Layers
import RandomFeatures

/// `rftool fit-layer`: fit a replacement of a dense teacher layer y = f(Wx + b) in
/// closed form on calibration inputs, report its held-out relative error, save it.
public struct FitLayerConfiguration: Sendable {
    public var teacher: String
    public var bias: String?
    public var activation: String
    public var coefficients: String?
    public var kind: String
    public var features: Int?
    /// m₁,m₂,… of `--features` given as a list (only with `--kind bundled`).
    public var stageFeatures: [Int]?
    public var order: Int?
    public var rank: Int?
    public var blocks: Int?
    public var calibration: String
    public var holdout: String?
    public var ridge: Double
    public var projection: String
    public var seed: UInt64
    public var out: String

    public init(teacher: String, bias: String? = nil, activation: String, coefficients: String? = nil, kind: String,
                features: Int? = nil, order: Int? = nil, rank: Int? = nil, blocks: Int? = nil, calibration: String,
                holdout: String? = nil, ridge: Double = 1e-6, projection: String = "iid", seed: UInt64 = 0, out: String,
                stageFeatures: [Int]? = nil) {
        self.teacher = teacher
        self.bias = bias
        self.activation = activation
        self.coefficients = coefficients
        self.kind = kind
        self.features = features
        self.stageFeatures = stageFeatures
        self.order = order
        self.rank = rank
        self.blocks = blocks
        self.calibration = calibration
        self.holdout = holdout
        self.ridge = ridge
        self.projection = projection
        self.seed = seed
        self.out = out
    }
}

extension FitLayerConfiguration {
    /// `--features` as typed: one m (`features`) or a list m₁,m₂,… (`stageFeatures`, for `--kind bundled`).
    public static func parseFeatures(_ text: String?) throws -> (features: Int?, stageFeatures: [Int]?) {
        guard let text else { return (nil, nil) }
        let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard values.allSatisfy({ $0 != nil }) else {
            throw RFToolError.usage("--features: expected an integer m (or m1,m2,... with --kind bundled); got '\(text)'")
        }
        return values.count == 1 ? (values[0], nil) : (nil, values.map { $0! })
    }
}

/// What `fit-layer` reports.
public struct FitLayerReport: Sendable {
    public var kind: String
    public var parameterCount: Int
    public var storedBytes: Int
    public var multiplyAdds: Int
    public var calibrationRows: Int
    public var holdoutRows: Int
    /// ‖Y − Y_teacher‖_F / ‖Y_teacher‖_F on the held-out rows.
    public var relativeError: Double

    public var line: String {
        "kind=\(kind) params=\(parameterCount) bytes=\(storedBytes) macs=\(multiplyAdds) calibration_rows=\(calibrationRows) holdout_rows=\(holdoutRows) rel_error=\(CSVFormat.number(relativeError))"
    }
}

public enum FitLayerRunner {
    /// Without `--holdout`, the last ⌊n/5⌋ calibration rows are held out and the first n − ⌊n/5⌋ fit.
    public static let holdoutFraction = 5

    public static func run(_ c: FitLayerConfiguration) throws -> FitLayerReport {
        if c.kind == BundledSNNK.kindName { return try FitBundledRunner.run(c) }
        // Flags first (usage, 64): nothing is read before they are all valid.
        for (flag, value) in [("--teacher", c.teacher), ("--bias", c.bias ?? ""), ("--activation", c.activation)] where value.contains(",") {
            throw RFToolError.usage("\(flag): a comma-separated list needs --kind \(BundledSNNK.kindName); got '\(value)' with --kind \(c.kind)")
        }
        if let list = c.stageFeatures {
            throw RFToolError.usage("--features: a list of m needs --kind \(BundledSNNK.kindName); got \(list.map(String.init).joined(separator: ",")) with --kind \(c.kind)")
        }
        let activation = try LayerInputFiles.activation(c.activation)
        let coefficients = try LayerInputFiles.coefficients(c.coefficients, activation: activation)
        _ = try LayerInputFiles.kind(c.kind, activation: activation)
        let projection = try LayerInputFiles.projection(c.projection)
        guard c.ridge >= 0, c.ridge.isFinite else { throw RFToolError.usage("--ridge must be a finite number >= 0; got \(c.ridge)") }
        guard c.out.hasSuffix(".json") else { throw RFToolError.usage("--out: the layer file must end in .json; got '\(c.out)'") }
        for (flag, path) in [("--teacher", c.teacher), ("--calibration", c.calibration)] + (c.bias.map { [("--bias", $0)] } ?? [])
            + (c.holdout.map { [("--holdout", $0)] } ?? []) {
            try LayerInputFiles.requireNPY(path, flag: flag)
        }
        // Data (65).
        let w = try LayerInputFiles.matrix(c.teacher, flag: "--teacher")
        let b = try c.bias.map { try LayerInputFiles.vector($0, flag: "--bias", count: w.rows) }
        let x = try LayerInputFiles.matrix(c.calibration, flag: "--calibration")
        guard x.columns == w.columns else {
            throw RFToolError.data("--calibration: rows have \(x.columns) columns but the teacher takes \(w.columns) inputs (W is \(w.rows)×\(w.columns), out × in)")
        }
        let (fitRows, heldOut) = try split(x, holdout: c.holdout, inputs: w.columns)
        let request = LayerFitRequest(
            teacherWeights: w, teacherBias: b, activation: activation, polynomialCoefficients: coefficients,
            calibration: fitRows, features: c.features, order: c.order, rank: c.rank, blocks: c.blocks,
            ridge: c.ridge, projection: projection, seed: c.seed)
        let layer: any FittableLayer
        do { layer = try LayerKinds.fit(kind: c.kind, request) } catch let error as LayerError {
            throw LayerInputFiles.commandError(error)
        }
        let error = try relativeError(of: layer, request: request, on: heldOut)
        try LayerFile.save(layer, to: c.out)
        return FitLayerReport(kind: layer.kind, parameterCount: layer.parameterCount, storedBytes: layer.storedBytes,
                              multiplyAdds: layer.multiplyAddsPerInput, calibrationRows: fitRows.rows,
                              holdoutRows: heldOut.rows, relativeError: error)
    }

    /// ‖layer(X) − f(XWᵀ + b)‖_F / ‖f(XWᵀ + b)‖_F on `inputs`.
    public static func relativeError(of layer: any LinearLayer, request: LayerFitRequest, on inputs: Matrix<Double>) throws -> Double {
        let y = try layer.forward(inputs.converted())
        return relativeFrobeniusError(y, teacher: request.teacherOutputs(on: inputs))
    }

    /// The rows to fit and the rows held out: `--holdout` if given, else the last ⌊n/5⌋ of `x`.
    static func split(_ x: Matrix<Double>, holdout: String?, inputs: Int) throws -> (fit: Matrix<Double>, heldOut: Matrix<Double>) {
        if let path = holdout {
            let heldOut = try LayerInputFiles.matrix(path, flag: "--holdout")
            guard heldOut.columns == inputs else {
                throw RFToolError.data("--holdout: rows have \(heldOut.columns) columns but the teacher takes \(inputs) inputs")
            }
            return (x, heldOut)
        }
        let held = x.rows / holdoutFraction
        guard held >= 1 else {
            throw RFToolError.data("--calibration: \(x.rows) rows leave none to hold out (the last 1/\(holdoutFraction) are); give at least \(holdoutFraction) rows or --holdout")
        }
        return (rows(x, 0..<(x.rows - held)), rows(x, (x.rows - held)..<x.rows))
    }

    static func rows(_ m: Matrix<Double>, _ range: Range<Int>) -> Matrix<Double> {
        Matrix(rows: range.count, columns: m.columns,
               storage: Array(m.storage[(range.lowerBound * m.columns)..<(range.upperBound * m.columns)]))
    }
}
