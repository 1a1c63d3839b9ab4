import Estimators
import Foundation
import RandomFeatures

/// A test-only estimator: random Fourier features with the sin/cos pair for
/// the Gaussian kernel (Rahimi & Recht 2007; ALGORITHMS.md §5.1),
///
///     K(x, y) = exp(−‖x − y‖²/(2σ²)),   K̂ = (1/m) Σᵢ cos(wᵢ·(x − y)/σ),   wᵢ ~ N(0, I)
///     Var K̂ = (1 − K²)²/(2m) for iid rows,
///
/// written here so the sweep machinery can be tested before the real
/// estimators land in `EstimatorCatalog`. One GEMM per trial per side.
struct ReferenceGaussianRFF: PointwiseEstimator {
    let sigma: Double
    /// Whether `varianceTheory` answers (false: a variant with no theory, to test empty cells).
    var providesTheory = true
    /// Multiplies the estimate (1 = unbiased; ≠ 1 makes a deliberately biased estimator).
    var scale = 1.0

    var kernelName: String { "gaussian" }
    var estimatorName: String { providesTheory ? "trig" : "trig-bare" }
    var validProjections: [ProjectionKind] { [.iid, .orthogonal] }

    func exact(x: [Double], y: [Double]) throws -> Double {
        var s = 0.0
        for j in x.indices { s += (x[j] - y[j]) * (x[j] - y[j]) }
        return exp(-s / (2 * sigma * sigma))
    }

    func estimate(pairs: PairBatch, features m: Int, projection: ProjectionKind, stream: RandomStream) throws -> [Double] {
        let w = try projection.draw(rowCount: m, inputDimension: pairs.dimension, stream: stream)
        let inv = 1 / sigma
        let x = Matrix(rows: pairs.count, columns: pairs.dimension, storage: pairs.x.storage.map { $0 * inv })
        let y = Matrix(rows: pairs.count, columns: pairs.dimension, storage: pairs.y.storage.map { $0 * inv })
        let zx = w.apply(x), zy = w.apply(y)
        return (0..<pairs.count).map { p in
            var s = 0.0
            for i in 0..<m { s += cos(zx.storage[p * m + i] - zy.storage[p * m + i]) }
            return scale * s / Double(m)
        }
    }

    func varianceTheory(x: [Double], y: [Double], features m: Int, projection: ProjectionKind) -> Double? {
        guard providesTheory, projection == .iid, let k = try? exact(x: x, y: y) else { return nil }
        return (1 - k * k) * (1 - k * k) / (2 * Double(m))
    }
}

enum TestCatalog {
    static let entries: [EstimatorEntry] = [
        EstimatorEntry(kernel: "gaussian", estimator: "trig", isDefault: true,
                       formula: "test-only sin/cos RFF") { ReferenceGaussianRFF(sigma: $0.sigma) },
        EstimatorEntry(kernel: "gaussian", estimator: "trig-bare", isDefault: false,
                       formula: "test-only sin/cos RFF without theory") { ReferenceGaussianRFF(sigma: $0.sigma, providesTheory: false) },
    ]
    static let lookup = EstimatorLookup(entries)

    /// A deliberately wrong variant (estimates multiplied by `scale`), for negative controls.
    static func scaled(_ scale: Double) -> EstimatorLookup {
        EstimatorLookup([
            EstimatorEntry(kernel: "gaussian", estimator: "trig", isDefault: true, formula: "scaled test estimator") {
                ReferenceGaussianRFF(sigma: $0.sigma, scale: scale)
            },
        ])
    }
}

/// A fresh empty folder under the system's temporary folder.
func temporaryFolder() throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("rftool-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
