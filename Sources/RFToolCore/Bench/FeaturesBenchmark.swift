import CBLAS
import Estimators
import Foundation
import RandomFeatures

/// `rftool bench features`: the transform of `rftool features` alone (no file reading
/// or writing, as scikit-learn's RBFSampler.transform figure is measured), for one
/// kernel/estimator on n random rows of dimension d with m features.
///
/// The map is fitted (drawn) once, untimed; the transform of the whole n×d batch is then
/// timed `samples` times and the median reported. In the same run the same estimator is
/// timed with the `iid` projection (a dense OpenBLAS GEMM) as the baseline, so
/// `speedup = iid median / median`. The projection being measured is any the estimator
/// accepts; nothing here is specific to one projection.
public enum FeaturesBenchmark {
    public struct Configuration: Sendable {
        public var kernel = "gaussian"
        public var estimator: String?
        public var projection: ProjectionKind = .sorf
        public var rows = 4096
        public var dimension = 1024
        public var features = 1024
        public var precision: FeaturesConfiguration.Precision = .float32
        public var samples = 11
        /// Threads of OpenBLAS (GEMM of the iid baseline and dense projections) and of the element-wise loops.
        public var threads = ProcessInfo.processInfo.activeProcessorCount
        public init() {}
    }

    public struct Row: Sendable {
        public let kernel: String
        public let estimator: String
        public let projection: String
        public let rows: Int
        public let dimension: Int
        public let features: Int
        public let outputColumns: Int
        public let precision: String
        /// Drawing the map (untimed in the transform figure), one sample.
        public let fitMilliseconds: Double
        /// Median time of one transform of the whole batch.
        public let transformMilliseconds: Double
        public let baseline: String
        public let speedup: Double
    }

    public static let csvHeader = ["kernel", "estimator", "projection", "rows", "dim", "features", "output_columns",
                                   "precision", "fit_ms", "transform_ms", "baseline", "speedup"]

    /// Times `configuration.projection` and, unless it is iid, the iid baseline. Progress goes to `log`.
    public static func run(_ c: Configuration, log: (String) -> Void) throws -> [Row] {
        guard c.rows >= 1, c.dimension >= 1, c.features >= 1 else {
            throw RFToolError.usage("--rows, --dim and --features must be at least 1")
        }
        guard c.samples >= 1 && c.samples <= 1000 else { throw RFToolError.usage("--samples must be from 1 to 1000; got \(c.samples)") }
        let entry: EstimatorEntry
        do { entry = try EstimatorCatalog.entry(kernel: c.kernel, estimator: c.estimator) } catch {
            throw RFToolError.usage("--kernel/--estimator: \(error)")
        }
        let estimator: any FeatureMapEstimator
        do {
            guard let e = try entry.make(KernelParameters()) as? any FeatureMapEstimator else {
                throw RFToolError.usage("--estimator: \(c.kernel)/\(entry.estimator) has no feature-map form")
            }
            estimator = e
        } catch let error as RFToolError { throw error } catch { throw RFToolError.usage("\(error)") }
        guard estimator.validProjections.contains(c.projection) else {
            throw RFToolError.usage("--projection: '\(c.projection.rawValue)' is not meaningful for \(c.kernel)/\(entry.estimator); valid projections: \(estimator.validProjections.map(\.rawValue).joined(separator: ", "))")
        }
        openblas_set_num_threads(Int32(c.threads))
        FeatureThreads.count = c.threads
        // Steady state, as scikit-learn's figure is (warm-up, then the median): above glibc's
        // largest dynamic mmap threshold (32 MiB) each timed call's output (4096 × 2048 Floats)
        // would be mapped and faulted in afresh, where NumPy's 16 MiB output is recycled.
        AllocatorTuning.applyOnce()
        // Inputs as scikit-learn's script draws them: standard normal entries, here
        // scaled by 1/√d so that ‖x‖ ≈ 1 (the bandwidth σ = 1 then gives O(1) arguments).
        var g = RandomStream(seed: 12345)
        let scale = 1 / Double(c.dimension).squareRoot()
        let input = Matrix<Double>(rows: c.rows, columns: c.dimension,
                                   storage: (0..<(c.rows * c.dimension)).map { _ in Sampling.normal(using: &g) * scale })
        var projections = [ProjectionKind.iid]
        if c.projection != .iid { projections.append(c.projection) }
        var measured: [(ProjectionKind, Double, Double, Int)] = []
        for kind in projections {
            log("bench features: \(c.kernel)/\(entry.estimator) \(kind.rawValue) n=\(c.rows) d=\(c.dimension) m=\(c.features) \(c.precision.rawValue)")
            let start = Stopwatch.now()
            let map: any FittedFeatureMap
            do {
                map = try estimator.featureMap(inputDimension: c.dimension, features: c.features, projection: kind,
                                               stream: RandomStream(seed: 0))
            } catch {
                throw RFToolError.usage("--projection: \(error)")
            }
            let fit = Double(Stopwatch.now() - start) / 1e6
            let (median, columns): (Double, Int)
            switch c.precision {
            case .float32: (median, columns) = try time(map, input.converted(to: Float.self), samples: c.samples)
            case .float64: (median, columns) = try time(map, input, samples: c.samples)
            }
            measured.append((kind, fit, median, columns))
        }
        let baseline = measured[0].2
        return measured.map { kind, fit, median, columns in
            Row(kernel: c.kernel, estimator: entry.estimator, projection: kind.rawValue, rows: c.rows, dimension: c.dimension,
                features: c.features, outputColumns: columns, precision: c.precision.rawValue, fitMilliseconds: fit,
                transformMilliseconds: median, baseline: "iid", speedup: baseline / median)
        }
    }

    static func time<S: BLASScalar>(_ map: any FittedFeatureMap, _ batch: Matrix<S>, samples: Int) throws -> (Double, Int) {
        var columns = 0
        var failure: (any Error)?
        let ns = Stopwatch.medianNanoseconds(repetitions: samples, innerLoops: 1, warmup: 1) {
            do {
                let out: Matrix<S>
                if let b = batch as? Matrix<Float> { out = try map.transform(b, side: .x) as! Matrix<S> } else {
                    out = try map.transform(batch as! Matrix<Double>, side: .x) as! Matrix<S>
                }
                columns = out.columns
            } catch { failure = error }
        }
        if let failure { throw RFToolError.data("transform failed: \(failure)") }
        return (ns / 1e6, columns)
    }

    public static func render(_ rows: [Row], csv: Bool) -> String {
        let cells = rows.map { r in
            [r.kernel, r.estimator, r.projection, String(r.rows), String(r.dimension), String(r.features), String(r.outputColumns),
             r.precision, CSVFormat.number(r.fitMilliseconds), CSVFormat.number(r.transformMilliseconds), r.baseline,
             CSVFormat.number(r.speedup)]
        }
        if csv { return ([csvHeader] + cells).map { CSVFormat.line($0) }.joined(separator: "\n") + "\n" }
        let table = [csvHeader] + cells.map { row in
            row.enumerated().map { i, v in (i == 8 || i == 9 || i == 11) ? String(format: "%.3f", Double(v)!) : v }
        }
        let widths = (0..<csvHeader.count).map { i in table.map { $0[i].count }.max()! }
        return table.map { row in
            row.enumerated().map { i, v in v.padding(toLength: widths[i], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
