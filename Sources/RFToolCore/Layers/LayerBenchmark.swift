import Foundation
import Layers
import RandomFeatures

/// `rftool layer-bench`: every requested kind fitted in closed form to one dense
/// teacher, then timed on the same held-out Float batch as the dense baseline
/// (`cblas_sgemm` + bias + f), in the same run (ALGORITHMS.md §6; issue 5).
///
/// - Teacher `random`: W ~ N(0, 1/d_in) entry-wise, b ~ N(0, 0.1²), from `--seed`.
///   A file: W (and `--bias`) from .npy; d_in, d_out are its shape.
/// - Calibration inputs: `calibrationRows` rows x ~ N(0, I) (default max(d_in, d_out)).
///   Held-out inputs: the timed batch itself, `batch` further N(0, I) rows.
/// - Timing: after every kind is fitted and warmed up (2 calls), `repetitions` rounds
///   each time one `forward` call of every kind in turn (round-robin, so that a change
///   in machine load hits all kinds alike); a kind's figure is its median over rounds.
///   A call includes its output allocation (and, for acdc, its FFTW plan). The thread
///   count is OpenBLAS's default for every kind.
/// - Hyper-parameters: dyad k = `blocks`; lowrank r = `rank`, by default the rank
///   whose parameters match an m-feature layer's output weights,
///   r = ⌊m·d_out / (d_in + d_out)⌋ (m = `features`); acdc has `acdcLayers` layers;
///   prp uses the iid (Gaussian) P; snnk and eugen use `projection` (iid, orthogonal, sorf).
/// - The `features` column is the run's `--features` m on every row: the random-feature
///   kinds' m, and the parameter budget behind lowrank's default rank.
public enum LayerBenchmark {
    public static let csvHeader = ["kind", "d_in", "d_out", "batch", "features", "params", "bytes", "macs",
                                   "median_ms", "speedup_vs_dense", "memory_ratio", "rel_error"]

    public struct Configuration: Sendable {
        public var inputDimension: Int? = nil
        public var outputDimension: Int? = nil
        public var batch = 256
        public var features = 1024
        public var kinds = ["dense", "snnk", "eugen", "prp", "dyad", "lowrank", "acdc"]
        public var activation = "gelu"
        public var coefficients: String? = nil
        public var teacher = "random"
        public var bias: String? = nil
        public var calibrationRows: Int? = nil
        public var blocks = 4
        public var rank: Int? = nil
        public var acdcLayers = 4
        public var ridge = 1e-6
        /// Projection of the random-feature kinds (snnk, eugen): iid, orthogonal or sorf.
        public var projection = "iid"
        public var repetitions = 15
        public var seed: UInt64 = 0
        public var out = "results/layers.csv"
        public init() {}

        public static let defaultDimension = 4096
    }

    public struct Row: Sendable {
        public var kind: String
        public var inputDimension: Int, outputDimension: Int, batch: Int, features: Int
        public var parameters: Int, bytes: Int, macs: Int
        public var medianMilliseconds: Double
        public var speedupVersusDense: Double
        public var memoryRatio: Double
        public var relativeError: Double
        /// Seconds spent fitting (reported on stderr, not in the CSV).
        public var fitSeconds: Double

        var cells: [String] {
            [CSVFormat.text(kind), String(inputDimension), String(outputDimension), String(batch), String(features),
             String(parameters), String(bytes), String(macs), CSVFormat.number(medianMilliseconds),
             CSVFormat.number(speedupVersusDense), CSVFormat.number(memoryRatio), CSVFormat.number(relativeError)]
        }
    }

    public static func render(_ rows: [Row]) -> String {
        ([CSVFormat.line(csvHeader)] + rows.map { CSVFormat.line($0.cells) }).joined(separator: "\n") + "\n"
    }

    /// Validates everything, fits and times each kind, writes the CSV atomically.
    public static func run(_ c: Configuration, progress: (String) -> Void = { _ in }) throws -> [Row] {
        // Flags (usage, 64).
        let activation = try LayerInputFiles.activation(c.activation)
        let coefficients = try LayerInputFiles.coefficients(c.coefficients, activation: activation)
        let projection = try LayerInputFiles.projection(c.projection)
        var kinds = [String]()
        for name in c.kinds {
            _ = try LayerInputFiles.kind(name, activation: activation, flag: "--kinds")
            if !kinds.contains(name) { kinds.append(name) }
        }
        guard !kinds.isEmpty else { throw RFToolError.usage("--kinds: empty list; valid kinds: \(LayerKinds.names.joined(separator: ", "))") }
        kinds.removeAll { $0 == "dense" }
        kinds.insert("dense", at: 0)   // the baseline is always timed, first
        guard c.out.hasSuffix(".csv") else { throw RFToolError.usage("--out: the output must be a file name ending in .csv; got '\(c.out)'") }
        for (flag, value) in [("--batch", c.batch), ("--features", c.features), ("--blocks", c.blocks),
                              ("--acdc-layers", c.acdcLayers), ("--repetitions", c.repetitions)] where value < 1 {
            throw RFToolError.usage("\(flag) must be at least 1; got \(value)")
        }
        guard c.ridge >= 0, c.ridge.isFinite else { throw RFToolError.usage("--ridge must be a finite number >= 0; got \(c.ridge)") }
        if c.teacher == "random" {
            if let b = c.bias { throw RFToolError.usage("--bias applies to a teacher file, not --teacher random; got '\(b)'") }
            for (flag, d) in [("--d-in", c.inputDimension), ("--d-out", c.outputDimension)] {
                if let d, d < 1 { throw RFToolError.usage("\(flag) must be at least 1; got \(d)") }
            }
        } else {
            try LayerInputFiles.requireNPY(c.teacher, flag: "--teacher")
            if let b = c.bias { try LayerInputFiles.requireNPY(b, flag: "--bias") }
        }

        // Teacher (data, 65).
        let root = RandomStream(seed: c.seed)
        let w: Matrix<Double>, b: [Double]
        if c.teacher == "random" {
            let dIn = c.inputDimension ?? Configuration.defaultDimension, dOut = c.outputDimension ?? Configuration.defaultDimension
            var s = root.child(1)
            var entries = [Double](repeating: 0, count: dIn * dOut)
            Sampling.fillNormal(&entries, using: &s)
            let scale = 1 / Double(dIn).squareRoot()
            w = Matrix(rows: dOut, columns: dIn, storage: entries.map { $0 * scale })
            var sb = root.child(2)
            b = (0..<dOut).map { _ in 0.1 * Sampling.normal(using: &sb) }
        } else {
            w = try LayerInputFiles.matrix(c.teacher, flag: "--teacher")
            for (flag, d, actual) in [("--d-in", c.inputDimension, w.columns), ("--d-out", c.outputDimension, w.rows)] {
                if let d, d != actual { throw RFToolError.data("\(flag) \(d) does not match the teacher \(c.teacher), which is \(w.rows)×\(w.columns) (out × in)") }
            }
            b = try c.bias.map { try LayerInputFiles.vector($0, flag: "--bias", count: w.rows) } ?? [Double](repeating: 0, count: w.rows)
        }
        let dIn = w.columns, dOut = w.rows
        let calibrationRows = c.calibrationRows ?? max(dIn, dOut)
        guard calibrationRows >= 2 else { throw RFToolError.usage("--calibration-rows must be at least 2; got \(calibrationRows)") }
        let rank = c.rank ?? max(1, c.features * dOut / (dIn + dOut))
        var sx = root.child(3)
        var xs = [Double](repeating: 0, count: calibrationRows * dIn)
        Sampling.fillNormal(&xs, using: &sx)
        let calibration = Matrix(rows: calibrationRows, columns: dIn, storage: xs)
        var sh = root.child(4)
        var hs = [Double](repeating: 0, count: c.batch * dIn)
        Sampling.fillNormal(&hs, using: &sh)
        let heldOut = Matrix(rows: c.batch, columns: dIn, storage: hs)
        let batch: Matrix<Float> = heldOut.converted()

        // Fit every kind first, then time them round-robin (one call of each kind per
        // round, `repetitions` rounds) so that a change in machine load during the run
        // affects every kind alike; each kind's figure is its median over rounds.
        var fitted = [(layer: any FittableLayer, error: Double, fitSeconds: Double)]()
        for name in kinds {
            let request = LayerFitRequest(
                teacherWeights: w, teacherBias: b, activation: activation, polynomialCoefficients: coefficients,
                calibration: calibration, features: c.features, rank: rank,
                blocks: name == "acdc" ? c.acdcLayers : c.blocks, ridge: c.ridge, projection: name == "snnk" || name == "eugen" ? projection : .iid, seed: c.seed)
            progress("layer-bench: fitting \(name) (\(dOut)×\(dIn), \(calibrationRows) calibration rows)…")
            let start = Stopwatch.now()
            let layer: any FittableLayer
            do { layer = try LayerKinds.fit(kind: name, request) } catch let error as LayerError {
                throw LayerInputFiles.commandError(error)
            }
            let fitSeconds = Double(Stopwatch.now() - start) / 1e9
            let error = try FitLayerRunner.relativeError(of: layer, request: request, on: heldOut)
            progress("layer-bench: \(name): fit \(String(format: "%.1f", fitSeconds)) s, rel_error \(String(format: "%.4f", error))")
            fitted.append((layer, error, fitSeconds))
        }
        for entry in fitted {   // warm-up
            for _ in 0..<2 { _ = try entry.layer.forward(batch) }
        }
        var samples = [[Double]](repeating: [], count: fitted.count)
        for _ in 0..<c.repetitions {
            for (i, entry) in fitted.enumerated() {
                let start = Stopwatch.now()
                _ = try entry.layer.forward(batch)
                samples[i].append(Double(Stopwatch.now() - start) / 1e6)
            }
        }
        func median(_ v: [Double]) -> Double {
            let s = v.sorted(), m = s.count / 2
            return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
        }
        let denseMilliseconds = median(samples[0]), denseBytes = fitted[0].layer.storedBytes
        var rows = [Row]()
        for (i, entry) in fitted.enumerated() {
            let layer = entry.layer, ms = median(samples[i])
            let row = Row(kind: layer.kind, inputDimension: dIn, outputDimension: dOut, batch: c.batch, features: c.features,
                          parameters: layer.parameterCount, bytes: layer.storedBytes, macs: layer.multiplyAddsPerInput,
                          medianMilliseconds: ms, speedupVersusDense: denseMilliseconds / ms,
                          memoryRatio: Double(layer.storedBytes) / Double(denseBytes), relativeError: entry.error,
                          fitSeconds: entry.fitSeconds)
            progress("layer-bench: \(row.kind): median \(String(format: "%.2f", ms)) ms, speedup \(String(format: "%.2f", row.speedupVersusDense))")
            rows.append(row)
        }
        try AtomicFile.write(render(rows), to: c.out)
        return rows
    }
}
