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

}

func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

extension Trials {
    /// Runs T trials and expects |mean − exact| ≤ 5 SE and, where theory exists
    /// and `checkVariance`, s² within 5 SE(s²) of the theory value.
    @discardableResult
    static func expectUnbiased(_ estimator: any PointwiseEstimator, x: [Double], y: [Double], features m: Int,
                               projection: ProjectionKind = .iid, trials: Int, seed: UInt64,
                               checkVariance: Bool = true,
                               sourceLocation: SourceLocation = #_sourceLocation) throws -> TrialStatistics {
        let stats = try run(estimator, x: x, y: y, features: m, projection: projection, trials: trials, seed: seed)
        let exact = try estimator.exact(x: x, y: y)
        #expect(stats.isUnbiased(for: exact),
                "\(estimator.kernelName)/\(estimator.estimatorName)/\(projection): mean \(stats.mean) vs exact \(exact), SE \(stats.standardError)",
                sourceLocation: sourceLocation)
        if checkVariance, let theory = estimator.varianceTheory(x: x, y: y, features: m, projection: projection) {
            #expect(stats.varianceMatches(theory),
                    "\(estimator.kernelName)/\(estimator.estimatorName)/\(projection): variance \(stats.variance) vs theory \(theory), SE \(stats.varianceStandardError)",
                    sourceLocation: sourceLocation)
        }
        return stats
    }
}
