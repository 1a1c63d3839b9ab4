import CGSL
import Estimators
import Testing

@Suite struct MaclaurinSeriesTests {
    /// Trap §8.10: GELU(z) = z Φ(z) = (z/2)(1 + erf(z/√2)) against GSL's erf, to 1e-12.
    @Test(arguments: [0.5, 1.0, 2.0, -1.5, 0.05, -3.0])
    func geluAgainstErf(z: Double) {
        let a = MaclaurinSeries.gelu(through: 120)
        let series = MaclaurinSeries.evaluate(a, at: z)
        let exact = z / 2 * (1 + gsl_sf_erf(z / 2.0.squareRoot()))
        #expect(abs(series - exact) <= 1e-12 * max(1, abs(exact)), "GELU(\(z)): series \(series) vs \(exact)")
    }

    @Test func geluCoefficientsAndSigns() {
        let expected = [0, 0.5, 0.398942280401, 0, -0.0664903800669, 0, 0.00997355701004, 0, -0.00118732821548]
        let a = MaclaurinSeries.gelu(through: 8)
        for (u, v) in zip(a, expected) { #expect(abs(u - v) <= 1e-12) }
        // Positive for n ≡ 2 (mod 4), negative for n ≡ 0 (mod 4) — the reverse of the SNNK code.
        let many = MaclaurinSeries.gelu(through: 40)
        for n in stride(from: 2, through: 40, by: 2) { #expect(n % 4 == 2 ? many[n] > 0 : many[n] < 0) }
        #expect(many[1] == 0.5)     // not 1/√π
        #expect(abs(MaclaurinSeries.evaluate(many, at: 1) - 0.841344746068543) < 1e-12)
    }

    @Test func tanhCoefficients() {
        let a = MaclaurinSeries.tanh(through: 7)
        #expect(a[0] == 0 && a[2] == 0 && a[4] == 0 && a[6] == 0)
        #expect(a[1] == 1)
        #expect(abs(a[3] + 1.0 / 3) < 1e-15)
        #expect(abs(a[5] - 2.0 / 15) < 1e-15)
        #expect(abs(a[7] + 17.0 / 315) < 1e-15)
        // Inside the radius of convergence π/2 the series converges to tanh.
        let many = MaclaurinSeries.tanh(through: 201)
        #expect(abs(MaclaurinSeries.evaluate(many, at: 0.7) - 0.6043677771171636) < 1e-13)
    }

    @Test func exponentialCoefficients() {
        #expect(MaclaurinSeries.exponential(0) == 1)
        #expect(abs(MaclaurinSeries.exponential(5) - 1.0 / 120) < 1e-17)
    }
}
