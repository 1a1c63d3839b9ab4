import Foundation
import Testing
import RandomFeatures

@Suite struct DCTPlanTests {
    /// ALGORITHMS.md §6.6 / §9: REDFT01(REDFT10(x)) = 2N·x, on every row of a batch.
    @Test(arguments: [6, 8, 4096])
    func roundTripIsTwoN(length n: Int) {
        let rows = 3
        let plan = BatchedDCTPlanFloat(length: n, count: rows)
        var s = RandomStream(seed: 11)
        let x = (0..<(n * rows)).map { _ in Float(Sampling.normal(using: &s)) }
        for i in x.indices { plan.buffer[i] = x[i] }
        plan.forward()
        plan.inverse()
        // Float round-off: relative error a few ε·log₂N; 1e-5 is far above that and far below any real error.
        var num = 0.0, den = 0.0
        for i in x.indices {
            let e = Double(plan.buffer[i]) - Double(2 * n) * Double(x[i])
            num += e * e
            den += Double(2 * n) * Double(x[i]) * Double(2 * n) * Double(x[i])
        }
        #expect((num / den).squareRoot() < 1e-5)
    }

    /// REDFT10 against the textbook sum Yₖ = 2 Σⱼ xⱼ cos(π k (j + ½) / N), in Double.
    @Test func forwardIsTheUnnormalisedDCTII() {
        let n = 6
        let x: [Float] = [1, -2, 0.5, 3, -1, 2]
        let plan = BatchedDCTPlanFloat(length: n, count: 1)
        for i in 0..<n { plan.buffer[i] = x[i] }
        plan.forward()
        for k in 0..<n {
            var expected = 0.0
            for j in 0..<n {
                let angle = Double.pi * Double(k) * (Double(j) + 0.5) / Double(n)
                expected += 2 * Double(x[j]) * cos(angle)
            }
            #expect(abs(Double(plan.buffer[k]) - expected) <= 1e-5 * 10)
        }
    }
}
