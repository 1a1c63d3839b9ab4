import Testing
import _TestSupport
@testable import RandomFeatures

// MARK: - Helpers

#if DEBUG
let isReleaseBuild = false
#else
let isReleaseBuild = true
#endif

/// The largest log2(n) for sweeps above the dense-oracle range: 2^20 in release,
/// 2^16 in unoptimised builds (where generic SIMD code runs ~100× slower).
let largestSweepLog2Count = isReleaseBuild ? 20 : 16

/// Deterministic test vectors: standard normals or small integers from a fixed stream.
func normalVector<S: BLASScalar>(_ n: Int, seed: UInt64, as: S.Type = S.self) -> [S] {
    var g = RandomStream(seed: seed)
    return (0..<n).map { _ in S(Sampling.normal(using: &g)) }
}

func integerVector<S: BLASScalar>(_ n: Int, seed: UInt64, as: S.Type = S.self) -> [S] {
    var g = RandomStream(seed: seed)
    return (0..<n).map { _ in S(Double(Int(Sampling.boundedBelow(17, using: &g)) - 8)) }
}

/// y = H x with the dense Sylvester matrix, summed in Double.
private func denseProduct<S: BLASScalar>(_ x: [S]) -> [Double] {
    let n = x.count
    let h = denseHadamard(n)
    return (0..<n).map { i in
        var sum = 0.0
        for j in 0..<n { sum += h[i, j] * x[j].doubleValue }
        return sum
    }
}

/// γ_k = k·u / (1 − k·u) with u the unit roundoff of S: the error of a sum evaluated
/// as a binary tree of depth k is at most γ_k·Σ|xⱼ| (Higham, "Accuracy and Stability
/// of Numerical Algorithms", §4.2). Each FWHT output is such a tree of depth log2 n.
func gamma<S: BinaryFloatingPoint>(_ k: Int, _: S.Type) -> Double {
    let u = Double(S.ulpOfOne) / 2
    return Double(k) * u / (1 - Double(k) * u)
}

func absoluteSum<S: BLASScalar>(_ x: [S]) -> Double { x.reduce(0) { $0 + abs($1.doubleValue) } }

private func fwht<S: BLASScalar>(_ x: [S], normalized: Bool = false) -> [S] {
    var y = x
    FastWalshHadamardTransform.transform(&y, log2Count: x.count.trailingZeroBitCount, normalized: normalized)
    return y
}

/// One compiled kernel variant, chosen explicitly.
private func kernel(_ x: [Float], _ set: HadamardInstructionSet, normalized: Bool) -> [Float] {
    var y = x
    y.withUnsafeMutableBufferPointer {
        FastWalshHadamardTransform._transform(
            $0.baseAddress!, log2Count: x.count.trailingZeroBitCount, normalized: normalized, using: set)
    }
    return y
}

private func kernel(_ x: [Double], _ set: HadamardInstructionSet, normalized: Bool) -> [Double] {
    var y = x
    y.withUnsafeMutableBufferPointer {
        FastWalshHadamardTransform._transform(
            $0.baseAddress!, log2Count: x.count.trailingZeroBitCount, normalized: normalized, using: set)
    }
    return y
}

/// The textbook butterfly network of ALGORITHMS.md §3, stage h = 1, 2, 4, ….
private func textbook<S: BLASScalar>(_ x: [S], normalized: Bool = false) -> [S] {
    var y = x
    y.withUnsafeMutableBufferPointer {
        FastWalshHadamardTransform._transformScalar(
            $0.baseAddress!, log2Count: x.count.trailingZeroBitCount, normalized: normalized)
    }
    return y
}

// MARK: - Exact oracles

@Suite struct FastWalshHadamardTransformTests {
    /// Small integers make every partial sum exact (|sum| ≤ 8·4096 < 2^24), so the
    /// kernels must reproduce the dense product H·x exactly, in both precisions.
    @Test(arguments: 0...12)
    func equalsDenseProductExactlyOnIntegers(log2Count: Int) {
        let n = 1 << log2Count
        let xf: [Float] = integerVector(n, seed: 11 + UInt64(log2Count))
        let xd: [Double] = integerVector(n, seed: 29 + UInt64(log2Count))
        #expect(fwht(xf).map(Double.init) == denseProduct(xf))
        #expect(fwht(xd) == denseProduct(xd))
    }

    /// Gaussian inputs: each output within the rounding bound of a depth-log2(n) sum,
    /// γ_L(S)·Σ|x|, plus the Double oracle's own bound γ_n(Double)·Σ|x|.
    @Test(arguments: 0...12)
    func matchesDenseProductWithinRoundingBound(log2Count: Int) {
        let n = 1 << log2Count
        let xf: [Float] = normalVector(n, seed: 101 + UInt64(log2Count))
        let xd: [Double] = normalVector(n, seed: 202 + UInt64(log2Count))
        let oracleError = gamma(n, Double.self)
        let boundF = (gamma(log2Count, Float.self) + oracleError) * absoluteSum(xf)
        let boundD = (gamma(log2Count, Double.self) + oracleError) * absoluteSum(xd)
        let errorF = zip(fwht(xf), denseProduct(xf)).map { abs($0.doubleValue - $1) }.max()!
        let errorD = zip(fwht(xd), denseProduct(xd)).map { abs($0 - $1) }.max()!
        #expect(errorF <= boundF, "Float error \(errorF) > bound \(boundF)")
        #expect(errorD <= boundD, "Double error \(errorD) > bound \(boundD)")
    }

    /// The kernels regroup the textbook butterflies but keep each output's additions and
    /// their order, so every compiled variant (portable, AVX2, AVX-512, whichever this
    /// processor runs) agrees bit for bit with the textbook loop at every length.
    @Test(arguments: Array(0...largestSweepLog2Count))
    func bitIdenticalToTextbookButterfly(log2Count: Int) {
        let n = 1 << log2Count
        let xf: [Float] = normalVector(n, seed: 303 + UInt64(log2Count))
        let xd: [Double] = normalVector(n, seed: 404 + UInt64(log2Count))
        for normalized in [false, true] {
            let expectedF = textbook(xf, normalized: normalized), expectedD = textbook(xd, normalized: normalized)
            #expect(fwht(xf, normalized: normalized) == expectedF)
            #expect(fwht(xd, normalized: normalized) == expectedD)
            for set in HadamardInstructionSet.available {
                #expect(kernel(xf, set, normalized: normalized) == expectedF, "\(set)")
                #expect(kernel(xd, set, normalized: normalized) == expectedD, "\(set)")
            }
        }
    }

    @Test func instructionSetsAreDetectedInOrder() {
        let available = HadamardInstructionSet.available
        #expect(available.first == .portable)
        #expect(available == available.sorted())
        #expect(HadamardInstructionSet.best == available.last)
        if available.contains(.avx512) { #expect(available.contains(.avx2)) }
    }

    /// ALGORITHMS.md §9: FWHT(0.5, −1.25, 2, 0, 3.5, −0.75, 1, 0.25); all values are
    /// multiples of 1/4, so the unnormalised result is exact in Float and Double.
    @Test func algorithmsOracleNonInteger() {
        let x: [Double] = [0.5, -1.25, 2, 0, 3.5, -0.75, 1, 0.25]
        let expected: [Double] = [5.25, 8.75, -1.25, 3.25, -2.75, -1.25, -4.25, -3.75]
        #expect(fwht(x) == expected)
        #expect(fwht(x.map(Float.init)) == expected.map(Float.init))
        // Normalised (÷√8), quoted to 12 significant digits.
        let normalised = [
            1.85615530061, 3.09359216769, -0.441941738242, 1.14904851943,
            -0.972271824132, -0.441941738242, -1.50260191002, -1.32582521472,
        ]
        #expect(maxRelativeError(fwht(x, normalized: true), normalised) < 1e-11)
        #expect(maxRelativeError(fwht(x.map(Float.init), normalized: true).map(Double.init), normalised) < 2e-7)
    }

    /// ALGORITHMS.md §3: FWHT(1…8) = (36, −4, −8, 0, −16, 0, 0, 0) and FWHT(FWHT(v)) = 8v.
    @Test func algorithmsOracleOneToEight() {
        let v: [Double] = (1...8).map(Double.init)
        #expect(fwht(v) == [36, -4, -8, 0, -16, 0, 0, 0])
        #expect(fwht(fwht(v)) == v.map { 8 * $0 })
        let f: [Float] = (1...8).map(Float.init)
        #expect(fwht(f) == [36, -4, -8, 0, -16, 0, 0, 0])
        #expect(fwht(fwht(f)) == f.map { 8 * $0 })
    }

    /// (H_n)ᵢⱼ = (−1)^popcount(i & j): the transform of each basis vector is a column.
    @Test func basisVectorsGiveHadamardColumns() {
        let n = 16
        let h = denseHadamard(n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n)
            e[j] = 1
            #expect(fwht(e) == (0..<n).map { h[$0, j] })
        }
    }

    // MARK: - Involution above 2^12

    /// H·H·x = n·x. Integer inputs keep every sum exact in Double (|sum| ≤ 8·2^40 < 2^53);
    /// in Float the first transform is exact (|Hx| ≤ 8·2^20 < 2^24) and the second is
    /// within γ_L(Float)·Σ|Hx|.
    @Test(arguments: Array(13...largestSweepLog2Count))
    func involution(log2Count: Int) {
        let n = 1 << log2Count
        let xd: [Double] = integerVector(n, seed: 505 + UInt64(log2Count))
        #expect(fwht(fwht(xd)) == xd.map { Double(n) * $0 })

        let xf: [Float] = integerVector(n, seed: 606 + UInt64(log2Count))
        let once = fwht(xf)
        #expect(once.map(Double.init) == fwht(xf.map(Double.init)))
        let twice = fwht(once)
        let bound = gamma(log2Count, Float.self) * absoluteSum(once)
        let error = zip(twice, xf).map { abs($0.doubleValue - Double(n) * $1.doubleValue) }.max()!
        #expect(error <= bound, "Float error \(error) > bound \(bound)")
    }

    @Test(.enabled(if: isReleaseBuild, "2^24 in unoptimised code takes minutes"))
    func involutionAtLargestTestedLength() {
        let log2Count = 24
        let n = 1 << log2Count
        let x: [Double] = integerVector(n, seed: 707)
        #expect(fwht(fwht(x)) == x.map { Double(n) * $0 })
    }

    // MARK: - Normalised variant

    /// Ĥ = H/√n: the same as the unnormalised result times 1/√n (one multiply per
    /// entry), norm-preserving, and its own inverse.
    @Test(arguments: [0, 1, 2, 3, 5, 8, 11, 12, 13, 16])
    func normalisedIsOrthogonalAndInvolutory(log2Count: Int) {
        let n = 1 << log2Count
        let x: [Double] = normalVector(n, seed: 808 + UInt64(log2Count))
        let scale: Double = FastWalshHadamardTransform.normalizationFactor(log2Count)
        #expect(abs(scale - 1 / Double(n).squareRoot()) <= Double.ulpOfOne * scale)
        let y = fwht(x, normalized: true)
        #expect(y == fwht(x).map { $0 * scale })
        let normX = x.reduce(0) { $0 + $1 * $1 }, normY = y.reduce(0) { $0 + $1 * $1 }
        #expect(abs(normY - normX) <= 1e-12 * normX)
        #expect(maxRelativeError(fwht(y, normalized: true), x) < 1e-12)

        let xf: [Float] = normalVector(n, seed: 909 + UInt64(log2Count))
        let scaleF: Float = FastWalshHadamardTransform.normalizationFactor(log2Count)
        #expect(fwht(xf, normalized: true) == fwht(xf).map { $0 * scaleF })
        #expect(maxRelativeError(fwht(fwht(xf, normalized: true), normalized: true).map(Double.init),
                                 xf.map(Double.init)) < 1e-5)
    }

    // MARK: - Alignment (ALGORITHMS.md §8.16)

    /// The buffer may start at any address a Float or Double can have: every
    /// element-aligned byte offset 0…31 from a 64-byte boundary gives the same bits.
    @Test(arguments: [3, 4, 7, 10, 13, 16])
    func everyOffsetGivesTheSameResult(log2Count: Int) {
        checkOffsets(Float.self, log2Count: log2Count)
        checkOffsets(Double.self, log2Count: log2Count)
    }

    private func checkOffsets<S: BLASScalar>(_: S.Type, log2Count: Int) {
        let n = 1 << log2Count
        let x: [S] = normalVector(n, seed: 1001 + UInt64(log2Count))
        let expected = textbook(x)
        let expectedNormalised = textbook(x, normalized: true)
        let size = MemoryLayout<S>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: n * size + 64, alignment: 64)
        defer { raw.deallocate() }
        for offset in Swift.stride(from: 0, to: 32, by: size) {
            let p = (raw + offset).bindMemory(to: S.self, capacity: n)
            p.initialize(from: x, count: n)
            FastWalshHadamardTransform.transform(p, log2Count: log2Count)
            #expect(Array(UnsafeBufferPointer(start: p, count: n)) == expected, "offset \(offset) bytes")
            p.update(from: x, count: n)
            FastWalshHadamardTransform.transform(p, log2Count: log2Count, normalized: true)
            #expect(Array(UnsafeBufferPointer(start: p, count: n)) == expectedNormalised, "offset \(offset) bytes")
            for set in HadamardInstructionSet.available {
                p.update(from: x, count: n)
                if let pf = p as? UnsafeMutablePointer<Float> {
                    FastWalshHadamardTransform._transform(pf, log2Count: log2Count, normalized: false, using: set)
                } else if let pd = p as? UnsafeMutablePointer<Double> {
                    FastWalshHadamardTransform._transform(pd, log2Count: log2Count, normalized: false, using: set)
                }
                #expect(Array(UnsafeBufferPointer(start: p, count: n)) == expected, "\(set), offset \(offset) bytes")
            }
        }
    }

    /// The transform touches exactly its n entries: neighbours stay untouched.
    @Test(arguments: [0, 1, 2, 3, 4, 9, 12])
    func writesOnlyItsOwnEntries(log2Count: Int) {
        let n = 1 << log2Count
        var padded = [Float](repeating: 7, count: n + 64)
        padded.withUnsafeMutableBufferPointer { buffer in
            FastWalshHadamardTransform.transform(buffer.baseAddress! + 32, log2Count: log2Count)
        }
        #expect(padded[..<32].allSatisfy { $0 == 7 })
        #expect(padded[(32 + n)...].allSatisfy { $0 == 7 })
    }

    // MARK: - Batches

    /// transformRows equals row by row, bit for bit, serial or parallel.
    @Test(arguments: [(1, 0), (5, 3), (37, 9), (301, 10), (3, 17)])
    func rowsEqualRowByRow(rows: Int, log2Count: Int) {
        let n = 1 << log2Count
        let values: [Float] = normalVector(rows * n, seed: 1111 + UInt64(rows))
        var expected = values
        for r in 0..<rows {
            var row = Array(values[(r * n)..<((r + 1) * n)])
            FastWalshHadamardTransform.transform(&row, log2Count: log2Count, normalized: true)
            expected.replaceSubrange((r * n)..<((r + 1) * n), with: row)
        }
        var parallel = Matrix(rows: rows, columns: n, storage: values)
        FastWalshHadamardTransform.transformRows(&parallel, log2Count: log2Count, normalized: true)
        var serial = Matrix(rows: rows, columns: n, storage: values)
        FastWalshHadamardTransform.transformRows(&serial, log2Count: log2Count, normalized: true, parallel: false)
        #expect(parallel.storage == expected)
        #expect(serial.storage == expected)

        let valuesD: [Double] = normalVector(rows * n, seed: 2222 + UInt64(rows))
        var batchD = Matrix(rows: rows, columns: n, storage: valuesD)
        FastWalshHadamardTransform.transformRows(&batchD, log2Count: log2Count)
        for r in Swift.stride(from: 0, to: rows, by: max(1, rows / 7)) {
            #expect(batchD.row(r) == fwht(Array(valuesD[(r * n)..<((r + 1) * n)])))
        }
    }

    @Test func largeBatchesAreSplitAndSmallOnesAreNot() {
        #expect(FastWalshHadamardTransform.rowChunkCount(rows: 1, rowLength: 1 << 20) == 1)
        #expect(FastWalshHadamardTransform.rowChunkCount(rows: 4, rowLength: 1 << 10) == 1)
        #expect(FastWalshHadamardTransform.rowChunkCount(rows: 301, rowLength: 1 << 10) > 1)
        #expect(FastWalshHadamardTransform.rowChunkCount(rows: 3, rowLength: 1 << 17) == 3)
    }
}
