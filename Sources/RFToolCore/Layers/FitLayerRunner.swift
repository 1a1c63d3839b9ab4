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
                holdout: String? = nil, ridge: Double = 1e-6, projection: String = "iid", seed: UInt64 = 0, out: String) {
        self.teacher = teacher
        self.bias = bias
        self.activation = activation
        self.coefficients = coefficients
        self.kind = kind
        self.features = features
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
        // Flags first (usage, 64): nothing is read before they are all valid.
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
        let fitRows: Matrix<Double>, heldOut: Matrix<Double>
        if let path = c.holdout {
            heldOut = try LayerInputFiles.matrix(path, flag: "--holdout")
            guard heldOut.columns == w.columns else {
                throw RFToolError.data("--holdout: rows have \(heldOut.columns) columns but the teacher takes \(w.columns) inputs")
            }
            fitRows = x
        } else {
            let held = x.rows / holdoutFraction
            guard held >= 1 else {
                throw RFToolError.data("--calibration: \(x.rows) rows leave none to hold out (the last 1/\(holdoutFraction) are); give at least \(holdoutFraction) rows or --holdout")
            }
            fitRows = rows(x, 0..<(x.rows - held))
            heldOut = rows(x, (x.rows - held)..<x.rows)
        }
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

    static func rows(_ m: Matrix<Double>, _ range: Range<Int>) -> Matrix<Double> {
        Matrix(rows: range.count, columns: m.columns,
               storage: Array(m.storage[(range.lowerBound * m.columns)..<(range.upperBound * m.columns)]))
    }
}

/// `rftool apply-layer`: run a saved layer on inputs, write the outputs as float32 .npy.
public enum ApplyLayerRunner {
    public static func run(layer path: String, input: String, output: String) throws {
        guard output.hasSuffix(".npy") else { throw RFToolError.usage("--output: expected a file ending in .npy; got '\(output)'") }
        try LayerInputFiles.requireNPY(input, flag: "--input")
        let layer = try LayerFile.load(path)
        let x = try LayerInputFiles.matrix(input, flag: "--input")
        guard x.columns == layer.inputDimension else {
            throw RFToolError.data("--input: rows have \(x.columns) columns but the \(layer.kind) layer takes \(layer.inputDimension)")
        }
        let y: Matrix<Float>
        do { y = try layer.forward(x.converted()) } catch let error as LayerError { throw RFToolError.data(error.description) }
        try AtomicFile.write(NPY.encode(y), to: output)
    }
}
