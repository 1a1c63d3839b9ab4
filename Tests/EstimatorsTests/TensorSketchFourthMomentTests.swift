@testable import Estimators
import RandomFeatures
import Testing

/// The exact moments of TensorSketch (`CountSketchMoments`, `TensorSketchEstimator+FourthMoment`)
/// against exhaustive enumeration of every hash and sign at tiny sizes, against the §5.9
/// variance, and against Monte Carlo of the estimator itself.
@Suite struct TensorSketchFourthMomentTests {
    /// Every (h, s) of every factor, equally likely: the exact law of Z = ⟨TS_p x, TS_p y⟩.
    static func enumeratedMoments(order p: Int, width D: Int, x: [Double], y: [Double]) -> (mean: Double, variance: Double, fourth: Double) {
        let d = x.count
        let perFactor = (0..<d).reduce(1) { acc, _ in acc * 2 * D }
        var values: [Double] = []
        var choice = [Int](repeating: 0, count: p)
        outer: while true {
            var buckets = [[Int]](), signs = [[Double]]()
            for j in 0..<p {
                var c = choice[j], b = [Int](), s = [Double]()
                for _ in 0..<d { b.append(c % D); c /= D; s.append(c % 2 == 0 ? 1 : -1); c /= 2 }
                buckets.append(b); signs.append(s)
            }
            var tx = [Double](repeating: 0, count: D), ty = tx
            var index = [Int](repeating: 0, count: p)
            tuples: while true {
                var bucket = 0, vx = 1.0, vy = 1.0
                for (j, r) in index.enumerated() { bucket += buckets[j][r]; vx *= signs[j][r] * x[r]; vy *= signs[j][r] * y[r] }
                tx[bucket % D] += vx; ty[bucket % D] += vy
                var k = 0
                while k < p { index[k] += 1; if index[k] < d { continue tuples }; index[k] = 0; k += 1 }
                break
            }
            values.append(zip(tx, ty).reduce(0.0) { $0 + $1.0 * $1.1 })
            var k = 0
            while k < p { choice[k] += 1; if choice[k] < perFactor { continue outer }; choice[k] = 0; k += 1 }
            break
        }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        var m2 = 0.0, m4 = 0.0
        for v in values { let c = (v - mean) * (v - mean); m2 += c; m4 += c * c }
        return (mean, m2 / n, m4 / n)
    }

    static let vectors: [([Double], [Double])] = [
        ([0.7, -0.4], [0.3, 0.9]),
        ([0.5, -0.3, 0.8], [0.4, 0.9, -0.2]),
        ([1.0, 0.2, -0.6], [1.1, -0.5, 0.35]),
    ]

    @Test(arguments: [(1, 2), (1, 3), (2, 2), (2, 3), (2, 4), (3, 2)])
    func matchesEnumeration(order p: Int, width D: Int) {
        for (x, y) in Self.vectors where p * x.count <= 6 && (D < 4 || x.count == 2) {
            let exact = Self.enumeratedMoments(order: p, width: D, x: x, y: y)
            let theory = TensorSketchEstimator.sketchCentralMoments(order: p, width: D, x: x, y: y)
            let mean = CountSketchMoments.rawMoment(1, order: p, width: D, x: x, y: y)
            #expect(abs(mean - exact.mean) <= 1e-12 * max(1, abs(exact.mean)))
            #expect(abs(theory.variance - exact.variance) <= 1e-12 * max(1, exact.variance), "p \(p) D \(D) var \(theory.variance) vs \(exact.variance)")
            #expect(abs(theory.fourth - exact.fourth) <= 1e-12 * max(1, exact.fourth), "p \(p) D \(D) μ₄ \(theory.fourth) vs \(exact.fourth)")
        }
    }

    /// E Z² − μ² equals the §5.9 closed form (with its even/odd term) at sizes beyond enumeration.
    @Test(arguments: [(1, 16), (2, 15), (2, 16), (3, 7), (4, 64)])
    func varianceMatchesClosedForm(order p: Int, width D: Int) {
        let x = [0.1, -0.2, 0.3, 0.4, 0.25, 1], y = [0.25, 0.05, -0.15, 0.2, 0.5, 0.5]
        let v = TensorSketchEstimator.sketchCentralMoments(order: p, width: D, x: x, y: y).variance
        let closed = TensorSketchEstimator.sketchVariance(order: p, width: D, x: x, y: y)
        #expect(abs(v - closed) <= 1e-10 * closed, "p \(p) D \(D): \(v) vs \(closed)")
    }

    /// The estimator's μ₄ (two orders plus a constant, with a bias) against the empirical fourth
    /// central moment of its own estimates, within 5 of the latter's Monte Carlo SE.
    @Test func matchesMonteCarlo() throws {
        let e = try TensorSketchEstimator(parameters: KernelParameters(bias: 0.4, coefficients: [0.5, 1, 0.7]))
        let x = [0.5, -0.3, 0.8, 0.1, -0.6], y = [0.6, -0.1, 0.7, 0.3, -0.5]
        let pairs = PairBatch(x: Matrix(rowArrays: [x]), y: Matrix(rowArrays: [y]))
        let root = RandomStream(seed: 2026)
        let trials = 200_000
        let values = try (0..<trials).map { t in
            try e.estimate(pairs: pairs, features: 8, projection: .iid, stream: root.child(UInt64(t)))[0]
        }
        let n = Double(trials)
        let mean = values.reduce(0, +) / n
        let fourths = values.map { v in let c = (v - mean) * (v - mean); return c * c }
        let m4 = fourths.reduce(0, +) / n
        let sd = (fourths.reduce(0.0) { $0 + ($1 - m4) * ($1 - m4) } / (n - 1)).squareRoot()
        let theory = e.fourthCentralMomentTheory(x: x, y: y, features: 8, projection: .iid)!
        #expect(abs(m4 - theory) <= 5 * sd / n.squareRoot(), "μ₄ MC \(m4) ± \(sd / n.squareRoot()) vs theory \(theory)")
        // And the MC is sharp enough to mean something: a 20% error would be seen.
        #expect(0.2 * theory > 5 * sd / n.squareRoot(), "MC too coarse: μ₄ \(m4) ± \(sd / n.squareRoot())")
    }
}
