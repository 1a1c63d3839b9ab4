import Estimators
import RandomFeatures
import Testing

/// Sample moments of T independent estimates, with the standard errors the
/// statistical tests derive their tolerances from (5 SE, never widened).
struct TrialStatistics {
    let count: Int
    let mean: Double
    /// Unbiased sample variance s².
    let variance: Double
    /// Empirical fourth central moment μ̂₄.
    let fourthMoment: Double

    init(_ values: [Double]) {
        count = values.count
        let n = Double(values.count)
        mean = values.reduce(0, +) / n
        var m2 = 0.0, m4 = 0.0
        for v in values {
            let c = (v - mean) * (v - mean)
            m2 += c
            m4 += c * c
        }
        variance = m2 / (n - 1)
        fourthMoment = m4 / n
    }

    /// SE of the mean: s/√T.
    var standardError: Double { (variance / Double(count)).squareRoot() }

    /// SE of s² from the empirical fourth moment: √((μ₄ − σ⁴(T−3)/(T−1))/T).
    var varianceStandardError: Double {
        let n = Double(count)
        return max(0, (fourthMoment - variance * variance * (n - 3) / (n - 1)) / n).squareRoot()
    }

    /// |mean − exact| ≤ 5 SE.
    func isUnbiased(for exact: Double) -> Bool { abs(mean - exact) <= 5 * standardError }

    /// s²/σ² within 1 ± 5·SE(s²)/σ².
    func varianceMatches(_ theory: Double) -> Bool { abs(variance - theory) <= 5 * varianceStandardError }
}

/// The §9 oracle pair: d = 4, x = (0.1, −0.2, 0.3, 0.4), y = w = (0.25, 0.05, −0.15, 0.2).
enum OraclePair {
    static let x: [Double] = [0.1, -0.2, 0.3, 0.4]
    static let y: [Double] = [0.25, 0.05, -0.15, 0.2]
    static let bias = 0.5
}

enum Trials {
    /// T independent estimates at one pair, trial t drawing from `RandomStream(seed:).child(t)`.
    static func run(_ estimator: any PointwiseEstimator, x: [Double], y: [Double], features m: Int,
                    projection: ProjectionKind = .iid, trials: Int, seed: UInt64) throws -> TrialStatistics {
        let pairs = PairBatch(x: Matrix(rowArrays: [x]), y: Matrix(rowArrays: [y]))
        let root = RandomStream(seed: seed)
        let values = try (0..<trials).map { t in
            try estimator.estimate(pairs: pairs, features: m, projection: projection, stream: root.child(UInt64(t)))[0]
        }
        return TrialStatistics(values)
    }

    /// Draws one small projection of `kind`, cancelling the test with a clear message
    /// if that projection is not implemented yet on this branch.
    static func requireProjection(_ kind: ProjectionKind) throws {
        do {
            _ = try kind.draw(rowCount: 4, inputDimension: 4, stream: RandomStream(seed: 0))
        } catch let error as ProjectionError where error.description.contains("not available yet") {
            try Test.cancel("projection \(kind.rawValue) is not available yet on this branch; this test runs once it exists")
        }
    }
}

func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }
