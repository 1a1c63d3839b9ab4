@testable import Estimators
import RandomFeatures
import Testing

/// The per-feature μ₄ of random Maclaurin (`RandomMaclaurinEstimator+FourthMoment`) against the
/// exact law of one feature (every N and every Rademacher row) and against Monte Carlo of the
/// estimator with both row kinds.
@Suite struct MaclaurinFourthMomentTests {
    /// Every N (probability P(N)) and every sign pattern of its N Rademacher rows.
    static func enumerated(_ e: RandomMaclaurinEstimator, x: [Double], y: [Double]) -> (variance: Double, fourth: Double) {
        let xt = e.bias == 0 ? x : x + [1], yt = e.bias == 0 ? y : y + [e.bias]
        let d = xt.count
        var law: [(p: Double, v: Double)] = []
        let start = e.variant == .plain ? 0 : 2
        for n in start...e.series.degree! {
            let prob = Double.exp(-e.logInverseProbability(n))
            let patterns = 1 << (d * n)
            for bits in 0..<patterns {
                var v = e.series.coefficient(n) / prob
                for j in 0..<n {
                    var ux = 0.0, uy = 0.0
                    for r in 0..<d {
                        let s: Double = (bits >> (j * d + r)) & 1 == 0 ? 1 : -1
                        ux += s * xt[r]; uy += s * yt[r]
                    }
                    v *= ux * uy
                }
                law.append((prob / Double(patterns), v))
            }
        }
        let total = law.reduce(0.0) { $0 + $1.p }   // the mass of N beyond the degree carries ζ = 0
        law.append((1 - total, 0))
        let mean = law.reduce(0.0) { $0 + $1.p * $1.v }
        var m2 = 0.0, m4 = 0.0
        for (p, v) in law { let c = (v - mean) * (v - mean); m2 += p * c; m4 += p * c * c }
        return (m2, m4)
    }

    @Test(arguments: RandomMaclaurinEstimator.Variant.allCases)
    func matchesEnumeration(variant: RandomMaclaurinEstimator.Variant) throws {
        let e = try RandomMaclaurinEstimator(parameters: KernelParameters(bias: 0.5, coefficients: [1, 1, 0.5, 0.25]), variant: variant)
        for (x, y) in [([0.7, -0.4], [0.3, 0.9]), ([0.5, 0.5], [0.5, -0.2])] {
            let exact = Self.enumerated(e, x: x, y: y)
            let theory = e.perRowCentralMoments(x: x, y: y, rows: .rademacher)
            #expect(abs(theory.variance - exact.variance) <= 1e-12 * exact.variance)
            #expect(abs(theory.variance - e.perRowVariance(x: x, y: y, rows: .rademacher)) <= 1e-12 * exact.variance)
            #expect(abs(theory.fourth - exact.fourth) <= 1e-12 * exact.fourth, "\(theory.fourth) vs \(exact.fourth)")
        }
    }

    /// The estimate's μ₄ (mean of m features) against the empirical fourth central moment of the
    /// estimator's own estimates, within 5 of the latter's Monte Carlo SE.
    @Test(arguments: [ProjectionKind.iid, .rademacher])
    func matchesMonteCarlo(rows: ProjectionKind) throws {
        let e = try RandomMaclaurinEstimator(parameters: KernelParameters(bias: 0.3, coefficients: [0.5, 1, 0.3]))
        let x = [0.3, -0.2, 0.4], y = [0.35, -0.1, 0.3]
        let pairs = PairBatch(x: Matrix(rowArrays: [x]), y: Matrix(rowArrays: [y]))
        let root = RandomStream(seed: 77)
        let trials = 1_000_000, m = 2
        let values = try (0..<trials).map { t in
            try e.estimate(pairs: pairs, features: m, projection: rows, stream: root.child(UInt64(t)))[0]
        }
        let n = Double(trials)
        let mean = values.reduce(0, +) / n
        let fourths = values.map { v in let c = (v - mean) * (v - mean); return c * c }
        let m4 = fourths.reduce(0, +) / n
        let se = (fourths.reduce(0.0) { $0 + ($1 - m4) * ($1 - m4) } / (n - 1)).squareRoot() / n.squareRoot()
        let theory = e.fourthCentralMomentTheory(x: x, y: y, features: m, projection: rows)!
        #expect(abs(m4 - theory) <= 5 * se, "μ₄ MC \(m4) ± \(se) vs theory \(theory)")
        #expect(0.2 * theory > 5 * se, "MC too coarse: μ₄ \(m4) ± \(se)")
    }
}
