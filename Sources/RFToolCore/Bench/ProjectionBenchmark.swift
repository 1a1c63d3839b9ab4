import CBLAS
import Foundation
import RandomFeatures

/// `rftool bench projections`: every random projection applied to a batch (n×d → n×m)
/// against a dense OpenBLAS GEMM of the same n, d, m, both timed in the same run on the
/// same inputs (ALGORITHMS.md §8.12: structured is often slower than dense in practice,
/// so measure it; STYLE.md: speed lives outside the tests).
///
/// The dense baseline is one cblas_sgemm / cblas_dgemm of X (n×d) by a Gaussian m×d matrix
/// W into a preallocated n×m matrix Z; each projection is timed with `apply(_:into:)` into
/// the same Z. Neither side allocates or page-faults its output inside the timed region.
/// Drawing a projection is not timed in `median_ms`; its time goes to the progress log
/// (§8.5). Before timing, each projection's `apply` is checked against its own `dense()`
/// matrix on the first rows of the batch.
public enum ProjectionBenchmark {
    public typealias Precision = TransformBenchmark.Precision

    /// One (d, m) pair.
    public struct Shape: Sendable, Equatable {
        public var d: Int
        public var m: Int
        public init(d: Int, m: Int) {
            self.d = d
            self.m = m
        }
    }

    /// What to time.
    public struct Configuration: Sendable, Equatable {
        public var projections: [ProjectionKind]
        /// Batch rows n.
        public var n: Int
        public var shapes: [Shape]
        public var precisions: [Precision]
        /// Timed calls per projection and shape (the median is reported).
        public var samples: Int
        public var seed: UInt64

        public static let defaultN = 4096
        public static let defaultDimensions = [1024, 4096]
        public static let defaultSamples = 5
        public static let sizeRange = 1...(1 << 20)

        public init(projections: [ProjectionKind] = ProjectionKind.allCases, n: Int = defaultN,
                    shapes: [Shape] = defaultDimensions.map { Shape(d: $0, m: $0) },
                    precisions: [Precision] = [.float], samples: Int = defaultSamples, seed: UInt64 = 1) {
            self.projections = projections
            self.n = n
            self.shapes = shapes
            self.precisions = precisions
            self.samples = samples
            self.seed = seed
        }
    }

    /// One CSV row: `projection,n,d,m,precision,median_ms,dense_ms,speedup_vs_dense`.
    public struct Row: Sendable, Equatable {
        public var projection: String
        public var n: Int
        public var d: Int
        public var m: Int
        public var precision: Precision
        /// Median wall-clock time of one `apply` to the whole batch, in milliseconds.
        public var medianMilliseconds: Double
        /// Median time of the dense GEMM of the same n, d, m in the same run, in milliseconds.
        public var denseMilliseconds: Double
        /// dense_ms / median_ms.
        public var speedupVersusDense: Double
    }

    public static let csvHeader = ["projection", "n", "d", "m", "precision", "median_ms", "dense_ms", "speedup_vs_dense"]

    /// The threads each side may use, for the progress log.
    public static func threadReport() -> String {
        "threads: structured projections share batch rows over \(ProcessInfo.processInfo.activeProcessorCount) "
            + "processors (Dispatch); dense GEMM uses OpenBLAS with \(openblas_get_num_threads()) threads"
    }

    /// Times every shape, precision and projection; `progress` receives one line per step.
    /// - Throws: `RFToolError` (usage) if a projection cannot be drawn, (software) if a
    ///   projection's `apply` disagrees with its `dense()` matrix.
    public static func run(_ configuration: Configuration, progress: (String) -> Void = { _ in }) throws -> [Row] {
        progress(threadReport())
        var rows: [Row] = []
        let root = RandomStream(seed: configuration.seed)
        for (shapeIndex, shape) in configuration.shapes.enumerated() {
            for precision in configuration.precisions {
                let stream = root.child(UInt64(shapeIndex))
                switch precision {
                case .float:
                    rows += try timeShape(configuration, shape, precision, stream: stream, progress: progress) {
                        (projection: any Projection, x: Matrix<Float>, z: inout Matrix<Float>) in
                        projection.apply(x, into: &z)
                    }
                case .double:
                    rows += try timeShape(configuration, shape, precision, stream: stream, progress: progress) {
                        (projection: any Projection, x: Matrix<Double>, z: inout Matrix<Double>) in
                        projection.apply(x, into: &z)
                    }
                }
            }
        }
        return rows
    }

    /// `applyInto(projection, X, &Z)` is `projection.apply(X, into: &Z)` at precision S.
    static func timeShape<S: BLASScalar>(
        _ configuration: Configuration, _ shape: Shape, _ precision: Precision,
        stream: RandomStream, progress: (String) -> Void,
        applyInto: (any Projection, Matrix<S>, inout Matrix<S>) -> Void
    ) throws -> [Row] {
        let n = configuration.n, d = shape.d, m = shape.m
        var g = stream.child(0)
        let x = Matrix<S>(rows: n, columns: d, storage: (0..<(n * d)).map { _ in S(Sampling.normal(using: &g)) })
        var h = stream.child(1)
        let w = Matrix<S>(rows: m, columns: d, storage: (0..<(m * d)).map { _ in S(Sampling.normal(using: &h)) })
        progress("timing dense GEMM, n = \(n), d = \(d), m = \(m), \(precision.rawValue)")
        var z = Matrix<S>(rows: n, columns: m)
        let dense = milliseconds(samples: configuration.samples) { gemm(x, w, into: &z) }
        var rows: [Row] = []
        for (k, kind) in configuration.projections.enumerated() {
            let start = Stopwatch.now()
            let projection: any Projection
            do {
                projection = try kind.draw(rowCount: m, inputDimension: d, stream: stream.child(2, UInt64(k)))
            } catch {
                throw RFToolError.usage("--projections: cannot draw \(kind.rawValue) with d = \(d), m = \(m): \(error)")
            }
            let drawn = Double(Stopwatch.now() - start) / 1e6
            try checkAgreement(projection, kind: kind, batch: x)
            progress("timing \(kind.rawValue), n = \(n), d = \(d), m = \(m), \(precision.rawValue) "
                     + "(drawn in \(TransformBenchmark.threeSignificant(drawn)) ms, not timed below)")
            let median = milliseconds(samples: configuration.samples) { applyInto(projection, x, &z) }
            rows.append(Row(projection: kind.rawValue, n: n, d: d, m: m, precision: precision,
                            medianMilliseconds: TransformBenchmark.rounded(median, places: 4),
                            denseMilliseconds: TransformBenchmark.rounded(dense, places: 4),
                            speedupVersusDense: TransformBenchmark.rounded(dense / median, places: 3)))
        }
        return rows
    }

    /// Z ← X Wᵀ by one cblas_sgemm / cblas_dgemm into the preallocated n×m Z.
    static func gemm<S: BLASScalar>(_ x: Matrix<S>, _ w: Matrix<S>, into z: inout Matrix<S>) {
        let n = x.rows, d = x.columns, m = w.rows
        x.storage.withUnsafeBufferPointer { a in
            w.storage.withUnsafeBufferPointer { b in
                z.storage.withUnsafeMutableBufferPointer { c in
                    S.gemm(transposeA: false, transposeB: true, m: n, n: m, k: d, alpha: 1, a: a.baseAddress!,
                           lda: d, b: b.baseAddress!, ldb: d, beta: 0, c: c.baseAddress!, ldc: m)
                }
            }
        }
    }

    /// `projection.apply` at the batch's precision.
    static func apply<S: BLASScalar>(_ projection: any Projection, _ x: Matrix<S>) -> Matrix<S> {
        if let x = x as? Matrix<Float> { return projection.apply(x) as! Matrix<S> }
        return projection.apply(x as! Matrix<Double>) as! Matrix<S>
    }

    /// The first rows of `apply(X)` against X·Wᵀ with W = `dense()`, in Double: the relative
    /// error of the whole slice must stay below 1e-3 (Float) or 1e-9 (Double).
    static func checkAgreement<S: BLASScalar>(_ projection: any Projection, kind: ProjectionKind, batch: Matrix<S>) throws {
        let rows = min(4, batch.rows), d = batch.columns
        let slice = Matrix<S>(rows: rows, columns: d, storage: Array(batch.storage[0..<(rows * d)]))
        let fast = apply(projection, slice)
        let reference = slice.converted(to: Double.self).multipliedByTranspose(of: projection.dense())
        let scale = reference.storage.reduce(0.0) { max($0, abs($1)) }
        var worst = 0.0
        for (a, b) in zip(fast.storage, reference.storage) { worst = max(worst, abs(a.doubleValue - b)) }
        let tolerance = S.self == Float.self ? 1e-3 : 1e-9
        guard worst <= tolerance * max(scale, 1e-300) else {
            throw RFToolError(.software, "\(kind.rawValue): apply disagrees with its dense matrix (relative error \(worst / scale))")
        }
    }

    /// Median over `samples` calls of `body`, in milliseconds, after one untimed call.
    static func milliseconds(samples: Int, _ body: () -> Void) -> Double {
        Stopwatch.medianNanoseconds(repetitions: max(1, samples), innerLoops: 1, warmup: 1, body) / 1e6
    }
}
