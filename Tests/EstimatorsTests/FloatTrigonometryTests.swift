import Foundation
import Testing
@testable import Estimators

/// The Float cos/sin kernel of the trigonometric feature maps against Double's libm.
@Suite struct FloatTrigonometryTests {
    /// Arguments across the range the kernel accepts, including quadrant boundaries
    /// k·π/4 and both signs; the error bound is a few Float ulps of 1 near the origin
    /// (measured worst 8.5e-8: the rounding of the Float result) up to Cephes' bound |x| ≤ 8192.
    @Test(arguments: [(1.0, 1.5e-7), (100.0, 1.5e-7), (8192.0, 1.5e-7)])
    func againstDouble(range: Double, bound: Double) {
        var values: [Float] = []
        for k in -64...64 { values.append(Float(Double(k) * Double.pi / 4 * range / 50)) }
        var state: UInt64 = 0x1234
        for _ in 0..<4096 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values.append(Float((Double(state >> 11) * 0x1p-53 * 2 - 1) * range))
        }
        while values.count % 16 != 0 { values.append(0) }
        var worst = 0.0
        for start in stride(from: 0, to: values.count, by: 16) {
            let lanes = FloatTrigonometry.Lanes(values[start..<(start + 16)])
            let (c, s) = FloatTrigonometry.cosSin(lanes)
            for k in 0..<16 {
                let x = Double(lanes[k])
                worst = max(worst, abs(Double(c[k]) - cos(x)), abs(Double(s[k]) - sin(x)))
            }
        }
        #expect(worst <= bound, "range \(range): worst |error| \(worst)")
    }
}
