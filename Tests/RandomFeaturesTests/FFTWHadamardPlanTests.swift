import Testing
@testable import RandomFeatures

/// FFTW's 2×…×2 R2HC route (ALGORITHMS.md §3) computes the same H·x as the FWHT.
@Suite struct FFTWHadamardPlanTests {
    /// Small integers keep every sum exact, so both routes must agree exactly, whatever
    /// order FFTW visits the dimensions in.
    @Test(arguments: Array(0...16))
    func equalsFWHTExactlyOnIntegers(log2Count: Int) throws {
        let n = 1 << log2Count
        var xd: [Double] = integerVector(n, seed: 31 + UInt64(log2Count))
        var expectedD = xd
        FastWalshHadamardTransform.transform(&expectedD, log2Count: log2Count)
        try FFTWHadamardPlan<Double>(log2Count: log2Count).transform(&xd)
        #expect(xd == expectedD)

        var xf: [Float] = integerVector(n, seed: 37 + UInt64(log2Count))
        var expectedF = xf
        FastWalshHadamardTransform.transform(&expectedF, log2Count: log2Count)
        try FFTWHadamardPlan<Float>(log2Count: log2Count).transform(&xf)
        #expect(xf == expectedF)
    }

    /// Gaussian inputs: both routes are depth-log2(n) sums of the same terms, each
    /// within γ_L·Σ|x| of H·x, so they differ by at most twice that.
    @Test(arguments: [1, 4, 10, 15, largestSweepLog2Count])
    func matchesFWHTWithinRoundingBound(log2Count: Int) throws {
        let n = 1 << log2Count
        let x: [Float] = normalVector(n, seed: 41 + UInt64(log2Count))
        var fast = x, viaFFTW = x
        FastWalshHadamardTransform.transform(&fast, log2Count: log2Count)
        try FFTWHadamardPlan<Float>(log2Count: log2Count).transform(&viaFFTW)
        let bound = 2 * gamma(log2Count, Float.self) * absoluteSum(x)
        let error = zip(fast, viaFFTW).map { abs(Double($0) - Double($1)) }.max()!
        #expect(error <= bound, "difference \(error) > bound \(bound)")

        let xd: [Double] = normalVector(n, seed: 43 + UInt64(log2Count))
        var fastD = xd, viaFFTWD = xd
        FastWalshHadamardTransform.transform(&fastD, log2Count: log2Count)
        try FFTWHadamardPlan<Double>(log2Count: log2Count).transform(&viaFFTWD)
        let boundD = 2 * gamma(log2Count, Double.self) * absoluteSum(xd)
        let errorD = zip(fastD, viaFFTWD).map { abs($0 - $1) }.max()!
        #expect(errorD <= boundD, "difference \(errorD) > bound \(boundD)")
    }

    /// A measured plan computes the same transform, its buffer is reusable, and
    /// execute() on the owned buffer is the unnormalised H·x (§9 oracle).
    @Test func measuredPlanAndOwnedBuffer() throws {
        let plan = try FFTWHadamardPlan<Double>(log2Count: 3, rigor: .measure)
        #expect(plan.count == 8)
        for _ in 0..<2 {
            plan.withUnsafeMutableBuffer { buffer in
                for (i, v) in [0.5, -1.25, 2, 0, 3.5, -0.75, 1, 0.25].enumerated() { buffer[i] = v }
            }
            plan.execute()
            let y = plan.withUnsafeMutableBuffer { Array($0) }
            #expect(y == [5.25, 8.75, -1.25, 3.25, -2.75, -1.25, -4.25, -3.75])
        }
        let planF = try FFTWHadamardPlan<Float>(log2Count: 3, rigor: .measure)
        var v: [Float] = (1...8).map(Float.init)
        planF.transform(&v)
        #expect(v == [36, -4, -8, 0, -16, 0, 0, 0])
    }

    /// Plans made and destroyed from many threads at once (planning serialised by
    /// FFTWPlanner) execute concurrently and match serial execution bit for bit.
    @Test func concurrentPlansMatchSerial() async throws {
        let log2Count = 12
        let x: [Double] = normalVector(1 << log2Count, seed: 47)
        var serial = x
        try FFTWHadamardPlan<Double>(log2Count: log2Count).transform(&serial)
        let results = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var y = x
                    try FFTWHadamardPlan<Double>(log2Count: log2Count).transform(&y)
                    return y
                }
            }
            return try await group.reduce(into: [[Double]]()) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == serial })
    }
}
