import CGSL
import Estimators
import Foundation
import RandomFeatures
import Testing

/// SORF rows have a fixed norm √p, so random Fourier features on them are biased
/// (ALGORITHMS.md §2.2–2.3). The bias of rows uniform on the sphere of radius √d is
///
///     E cos(w·δ) − K = Γ(d/2) (2/t)^{d/2−1} J_{d/2−1}(t) − e^{−z²/2},   t = √d·z
///
/// and SORF's bias equals it to Monte Carlo accuracy `[measured, §2.3]`. These tests
/// check the formula against §9 and the SORF estimate against it, and against the
/// reconstructed bound |E K̂ − K| ≤ 6z/√d.
@Suite struct StructuredBiasTests {
    /// Γ(d/2)(2/t)^{d/2−1} J_{d/2−1}(t), in log space (Γ(32) ≈ 8e33 and J₃₁(8) ≈ 1e-13 at d = 64).
    static func fixedNormMean(dimension d: Int, z: Double) -> Double {
        let nu = Double(d) / 2 - 1, t = Double(d).squareRoot() * z
        let j = gsl_sf_bessel_Jnu(nu, t)
        return (j < 0 ? -1 : 1) * exp(gsl_sf_lngamma(Double(d) / 2) + nu * log(2 / t) + log(abs(j)))
    }

    @Test func besselBiasMatchesOracle() {
        #expect(abs(Self.fixedNormMean(dimension: 64, z: 1) - exp(-0.5) - (-0.002339244060)) < 1e-11)
        #expect(abs(Self.fixedNormMean(dimension: 64, z: 2) - exp(-2.0) - (-0.008637053630)) < 1e-11)
    }

    /// d = m = 64, a dense random δ with z = 1: the SORF mean sits on the fixed-norm value
    /// (within 5 SE) and within the 6z/√d bound; it is detectably biased (the iid mean is not).
    @Test func sorfBiasIsTheFixedNormBias() throws {
        let d = 64
        var g = RandomStream(seed: 91)
        let x = (0..<d).map { _ in Sampling.normal(using: &g) / Double(d).squareRoot() }
        var u = (0..<d).map { _ in Sampling.normal(using: &g) }
        let norm = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
        u = u.map { $0 / norm }
        let y = zip(x, u).map { $0 + $1 }                         // z = ‖δ‖/σ = 1
        let e = RandomFourierEstimator(kernel: GaussianKernel(sigma: 1), map: .trig)
        let k = exp(-0.5)
        let sorf = try Trials.run(e, x: x, y: y, features: d, projection: .sorf, trials: 4000, seed: 92)
        let expected = Self.fixedNormMean(dimension: d, z: 1)
        #expect(abs(sorf.mean - expected) <= 5 * sorf.standardError, "SORF mean \(sorf.mean) vs fixed-norm \(expected) ± \(sorf.standardError)")
        #expect(abs(sorf.mean - k) <= 6 / Double(d).squareRoot() + 5 * sorf.standardError)
        #expect(abs(sorf.mean - k) > 5 * sorf.standardError, "the SORF bias \(sorf.mean - k) should be visible at SE \(sorf.standardError)")
        let iid = try Trials.run(e, x: x, y: y, features: d, projection: .iid, trials: 4000, seed: 93)
        #expect(iid.isUnbiased(for: k))
    }
}
