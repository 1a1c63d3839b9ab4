import Estimators
import RandomFeatures
import RealModule
import RFToolCore
import Testing

/// `rftool features` on a small data set: the Gram matrix of x-side rows against
/// y-side rows (same seed) approximates the exact kernel Gram matrix, with a relative
/// Frobenius error that falls like 1/√M.
///
/// For iid rows each entry's estimate has variance V1ᵢⱼ/M, so
///
///     E e(M) = E ‖Ĝ − K‖²_F / ‖K‖²_F = Σᵢⱼ Var K̂ᵢⱼ / ‖K‖²_F         (= c/M for the URF and EUGen maps)
///
/// The test averages e(M) over R seeds, checks each mean against that theory within
/// 5 SE (SE from the spread over seeds), then fits log ē against log M: the slope of
/// the relative Frobenius error √ē is −1/2, with a standard error propagated from the
/// per-M standard errors (delta method, Var log ē ≈ (SE/ē)²); the tolerance is 5 of those.
@Suite struct FeaturesGramTests {
    static let data: Matrix<Double> = {
        var g = RandomStream(seed: 2024)
        return Matrix(rows: 10, columns: 3, storage: (0..<30).map { _ in 0.3 * Sampling.normal(using: &g) })
    }()

    struct Case: Sendable, CustomTestStringConvertible {
        let kernel: String
        let estimator: String
        let bias: Double?
        var testDescription: String { "\(kernel)/\(estimator)" }
    }

    static let cases = [
        Case(kernel: "exp", estimator: "urf", bias: nil),
        Case(kernel: "cos", estimator: "urf", bias: 0.3),
        Case(kernel: "polynomial", estimator: "eugen", bias: nil),
        Case(kernel: "gauss-activation", estimator: "urf", bias: 0.2),
    ]

    func configuration(_ c: Case, features: Int, seed: UInt64, side: String, precision: String = "float64") throws -> FeaturesConfiguration {
        try FeaturesConfiguration(kernel: c.kernel, estimator: c.estimator, projection: "iid", features: features, seed: seed,
                                  input: "in.npy", output: "out.npy", precision: precision, side: side,
                                  sigma: nil, bias: c.bias, coefficients: nil, degree: nil, coef: nil, urfM: nil)
    }

    /// e(M) for one seed, plus the theory value Σ Var K̂ᵢⱼ / ‖K‖².
    func relativeSquaredError(_ c: Case, features: Int, seed: UInt64) throws -> (error: Double, theory: Double) {
        let x = Self.data
        let fx = try FeaturesRunner.transform(x, configuration(c, features: features, seed: seed, side: "x"))
        let fy = try FeaturesRunner.transform(x, configuration(c, features: features, seed: seed, side: "y"))
        let estimator = try configuration(c, features: features, seed: seed, side: "x").estimator
        let gram = fx.multipliedByTranspose(of: fy)
        var err = 0.0, norm = 0.0, variance = 0.0
        for i in 0..<x.rows {
            for j in 0..<x.rows {
                let k = try estimator.exact(x: x.row(i), y: x.row(j))
                err += (gram[i, j] - k) * (gram[i, j] - k)
                norm += k * k
                variance += estimator.varianceTheory(x: x.row(i), y: x.row(j), features: features, projection: .iid)!
            }
        }
        return (err / norm, variance / norm)
    }

    @Test(arguments: cases)
    func frobeniusErrorFallsLikeInverseSquareRoot(_ c: Case) throws {
        let featureCounts = [16, 64, 256, 1024]
        let replicates = 24
        var logM = [Double](), logMean = [Double](), logVariance = [Double]()
        for m in featureCounts {
            var errors = [Double](), theory = 0.0
            for r in 0..<replicates {
                let (e, t) = try relativeSquaredError(c, features: m, seed: 1000 + UInt64(r))
                errors.append(e)
                theory = t
            }
            let mean = errors.reduce(0, +) / Double(replicates)
            let sd = (errors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(replicates - 1)).squareRoot()
            let se = sd / Double(replicates).squareRoot()
            #expect(abs(mean - theory) <= 5 * se, "\(c.testDescription) M = \(m): mean relative squared error \(mean) vs theory \(theory) ± \(se)")
            logM.append(Double.log(Double(m)))
            logMean.append(Double.log(mean))
            logVariance.append((se / mean) * (se / mean))
        }
        // OLS slope of log ē on log M and its delta-method standard error.
        let lBar = logM.reduce(0, +) / Double(logM.count)
        let sxx = logM.reduce(0) { $0 + ($1 - lBar) * ($1 - lBar) }
        let weights = logM.map { ($0 - lBar) / sxx }
        let slope = zip(weights, logMean).reduce(0) { $0 + $1.0 * $1.1 }
        let slopeSE = zip(weights, logVariance).reduce(0) { $0 + $1.0 * $1.0 * $1.1 }.squareRoot()
        // Relative Frobenius error √ē: slope/2, expected −1/2.
        #expect(abs(slope / 2 + 0.5) <= 5 * slopeSE / 2,
                "\(c.testDescription): Frobenius-error slope \(slope / 2) vs −0.5 ± \(slopeSE / 2)")
    }

    @Test func tensorSketchGramMatchesTheory() throws {
        // TensorSketch's variance is not exactly c/D (the c_D/D² term), so only the mean is checked.
        let c = Case(kernel: "polynomial", estimator: "tensorsketch", bias: nil)
        for d in [15, 64] {
            let values = try (0..<24).map { try relativeSquaredError(c, features: d, seed: 2000 + UInt64($0)) }
            let errors = values.map(\.error)
            let mean = errors.reduce(0, +) / 24
            let se = (errors.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 23 / 24).squareRoot()
            #expect(abs(mean - values[0].theory) <= 5 * se, "D = \(d): \(mean) vs \(values[0].theory) ± \(se)")
        }
    }

    /// Float features give the same Gram matrix to Float accuracy.
    @Test(arguments: cases)
    func floatPathMatchesDouble(_ c: Case) throws {
        let x = Self.data
        for side in ["x", "y"] {
            let fd = try FeaturesRunner.transform(x, configuration(c, features: 64, seed: 7, side: side))
            let ff = try FeaturesRunner.transform(x.converted(to: Float.self), configuration(c, features: 64, seed: 7, side: side, precision: "float32"))
            for (a, b) in zip(ff.storage, fd.storage) { #expect(abs(Double(a) - b) <= 1e-5 * max(1, abs(b))) }
        }
    }
}
