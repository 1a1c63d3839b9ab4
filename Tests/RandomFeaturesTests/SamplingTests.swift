import Foundation
import Testing
import CGSL
import _TestSupport
@testable import RandomFeatures

/// The samplers against GSL's CDFs (Kolmogorov–Smirnov or chi-square at fixed seeds,
/// failing below the 5-sigma p-value) and the normal sampler's first four moments
/// (ALGORITHMS.md §8.22). Each goodness-of-fit test also rejects a wrong law on the same
/// data, so it is known to be able to fail.
@Suite struct SamplingTests {
    func sample(_ count: Int, seed: UInt64, _ draw: (inout RandomStream) -> Double) -> [Double] {
        var g = RandomStream(seed: seed)
        return (0..<count).map { _ in draw(&g) }
    }

    /// E x = 0, E x² = 1, E x³ = 0, E x⁴ = 3 within 5 SE, with SE² = Var(xᵏ)/N:
    /// Var x = 1, Var x² = 2, Var x³ = 15, Var x⁴ = 105 − 9 = 96.
    @Test func normalFirstFourMoments() {
        let n = 2_000_000
        let x = sample(n, seed: 0x5A01) { Sampling.normal(using: &$0) }
        var sums = [0.0, 0.0, 0.0, 0.0]
        for v in x {
            let v2 = v * v
            sums[0] += v; sums[1] += v2; sums[2] += v2 * v; sums[3] += v2 * v2
        }
        let moments = sums.map { $0 / Double(n) }
        let expected = [0.0, 1, 0, 3], variances = [1.0, 2, 15, 96]
        for k in 0..<4 {
            #expect(abs(moments[k] - expected[k]) <= 5 * (variances[k] / Double(n)).squareRoot(), "moment \(k + 1)")
        }
    }

    @Test func normalMatchesGaussianCDF() {
        let x = sample(200_000, seed: 0x5A02) { Sampling.normal(using: &$0) }
        #expect(kolmogorovSmirnov(x) { gsl_cdf_ugaussian_P($0) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(x) { gsl_cdf_tdist_P($0, 10) }.pValue < fiveSigmaPValue)
    }

    /// The ziggurat's tail beyond r = 3.654 (about 0.026% of draws): conditional KS test.
    @Test func normalTailMatchesGaussianTail() {
        let r = 3.6541528853610088
        let tail = sample(20_000_000, seed: 0x5A03) { Sampling.normal(using: &$0) }.filter { abs($0) > r }.map(abs)
        #expect(tail.count > 4000)
        let q = gsl_cdf_ugaussian_Q(r)
        #expect(kolmogorovSmirnov(tail) { 1 - gsl_cdf_ugaussian_Q($0) / q }.pValue > fiveSigmaPValue)
    }

    @Test func uniformMatchesCDF() {
        let x = sample(200_000, seed: 0x5A04) { Sampling.uniform(using: &$0) }
        #expect(x.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(kolmogorovSmirnov(x) { gsl_cdf_flat_P($0, 0, 1) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(x) { gsl_cdf_beta_P($0, 1, 1.05) }.pValue < fiveSigmaPValue)
    }

    @Test(arguments: [1, 2, 3, 8, 64])
    func chiMatchesCDF(degrees k: Int) {
        let x = sample(100_000, seed: 0x5A05 + UInt64(k)) { Sampling.chi(degrees: k, using: &$0) }
        #expect(kolmogorovSmirnov(x) { chiCDF($0, degrees: k) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(x) { chiCDF($0, degrees: k + 1) }.pValue < fiveSigmaPValue)
    }

    @Test(arguments: [0.3, 1.0, 4.5])
    func gammaMatchesCDF(shape: Double) {
        let x = sample(100_000, seed: 0x5A06) { Sampling.gamma(shape: shape, using: &$0) }
        #expect(kolmogorovSmirnov(x) { gsl_cdf_gamma_P($0, shape, 1) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(x) { gsl_cdf_gamma_P($0, shape * 1.05, 1) }.pValue < fiveSigmaPValue)
    }

    @Test func cauchyMatchesCDF() {
        let x = sample(200_000, seed: 0x5A07) { Sampling.cauchy(using: &$0) }
        #expect(kolmogorovSmirnov(x) { gsl_cdf_cauchy_P($0, 1) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(x) { gsl_cdf_cauchy_P($0, 1.05) }.pValue < fiveSigmaPValue)
    }

    @Test func laplaceMatchesCDF() {
        let x = sample(200_000, seed: 0x5A08) { Sampling.laplace(using: &$0) }
        #expect(kolmogorovSmirnov(x) { gsl_cdf_laplace_P($0, 1) }.pValue > fiveSigmaPValue)
        #expect(kolmogorovSmirnov(x) { gsl_cdf_laplace_P($0, 1.05) }.pValue < fiveSigmaPValue)
    }

    /// Chi-square test of ±1 counts (GSL's χ² tail for the p-value).
    @Test func rademacherIsFair() {
        let x = sample(1_000_000, seed: 0x5A09) { Sampling.rademacher(using: &$0) }
        #expect(x.allSatisfy { $0 == 1 || $0 == -1 })
        let negatives = x.filter { $0 < 0 }.count
        #expect(chiSquareTest(observed: [negatives, x.count - negatives], expected: [5e5, 5e5]).pValue > fiveSigmaPValue)
        #expect(chiSquareTest(observed: [negatives, x.count - negatives], expected: [4.95e5, 5.05e5]).pValue < fiveSigmaPValue)
    }

    /// All 4! = 24 permutations of 4 equally likely (chi-square, 23 degrees of freedom),
    /// and every output is a permutation.
    @Test func permutationsAreUniform() {
        var g = RandomStream(seed: 0x5A0A)
        var counts = [[Int]: Int]()
        let draws = 240_000
        for _ in 0..<draws {
            let p = Sampling.permutation(count: 4, using: &g)
            counts[p, default: 0] += 1
        }
        #expect(counts.count == 24)
        #expect(counts.keys.allSatisfy { $0.sorted() == [0, 1, 2, 3] })
        let observed = counts.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { counts[$0]! }
        #expect(chiSquareTest(observed: observed, expected: Array(repeating: Double(draws) / 24, count: 24)).pValue
                > fiveSigmaPValue)
        var big = RandomStream(seed: 0x5A0B)
        #expect(Sampling.permutation(count: 1000, using: &big).sorted() == Array(0..<1000))
    }

    /// Lemire's bounded integers: uniform over a bound that is not a power of two.
    @Test func boundedBelowIsUniform() {
        var g = RandomStream(seed: 0x5A0C)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<700_000 { counts[Int(Sampling.boundedBelow(7, using: &g))] += 1 }
        #expect(chiSquareTest(observed: counts, expected: Array(repeating: 1e5, count: 7)).pValue > fiveSigmaPValue)
    }

    /// `Ziggurat.fill` gives the bytes of one `normal(using:)` call per entry and leaves the
    /// stream where those calls leave it (200 000 draws: some 2 000 reach the wedge test and 50 the tail).
    @Test func zigguratFillMatchesOneDrawAtATime() {
        var one = RandomStream(seed: 0x2166)
        let expected = (0..<200_000).map { _ in Sampling.normal(using: &one) }
        var bulk = RandomStream(seed: 0x2166)
        var filled = [Double](repeating: 0, count: 200_000)
        filled.withUnsafeMutableBufferPointer { Ziggurat.fill($0, using: &bulk) }
        #expect(filled.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(bulk.next() == one.next())
    }
}
