import Testing
import CGSL

@Suite struct LinkageTests {
    @Test func gslNormalCDF() {
        // Φ(1.96) = 0.9750021048517795 (standard normal table).
        #expect(abs(gsl_cdf_ugaussian_P(1.96) - 0.9750021048517795) < 1e-15)
    }
}
