import Glibc
import Testing
@testable import Estimators
import RandomFeatures
import _TrigonometricKernels
import _TrigonometricKernelsAVX2
import _TrigonometricKernelsAVX512

/// The Double cos/sin kernel (`DoubleCosSin`) against `VectorMath.cosSin`, whose operations it
/// repeats: every compiled variant must give the same bits, and the fused row means must follow
/// their documented summation order.
@Suite struct DoubleCosSinTests {
    /// A small linear congruential generator: uniform in [−1, 1).
    struct Uniform {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) * 0x1p-53 * 2 - 1
        }
    }

    /// In-range arguments that exercise every branch of the reduction: zeros and subnormals,
    /// tiny and negative values, neighbours of k·π/2 (where r is smallest and the quadrant
    /// changes), values just under the reduction limit, and random values at several scales.
    static func arguments() -> [Double] {
        let limit = VectorMath.reductionRange
        var xs: [Double] = [0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, -1e-300, 1e-300]
        for e in stride(from: -300, through: 0, by: 7) { xs += [Double(sign: .plus, exponent: e, significand: 1.3), -Double(sign: .plus, exponent: e, significand: 1.7)] }
        for k in -64...64 { xs.append(Double(k) * .pi / 4) }
        var ks = Array(-400...400)
        ks += [1_000, 10_007, 100_003, 500_000, 1_000_000, 1_018_591, -1_018_591]  // 1_018_591·π/2 ≈ 1.59999e6
        for k in ks {
            let x = Double(k) * (.pi / 2)
            guard abs(x) < limit else { continue }
            xs += [x, x.nextUp, x.nextDown, x.nextUp.nextUp, x.nextDown.nextDown, x + 1e-9, x - 1e-9]
        }
        xs += [limit.nextDown, -limit.nextDown, limit - 1, -(limit - 1), limit - 0.5, 1_599_999.123456789]
        var g = Uniform(state: 0xD0B1E)
        for scale in [1e-6, 1.0, 4.0, 100.0, 1e4, 1.5e6] {
            for _ in 0..<2_000 { xs.append(g.next() * scale) }
        }
        return xs
    }

    static func lanes(of xs: [Double]) -> [SIMD8<Double>] {
        stride(from: 0, to: xs.count, by: 8).map { start in
            var v = SIMD8<Double>()
            for k in 0..<min(8, xs.count - start) { v[k] = xs[start + k] }
            return v
        }
    }

    static func bits(_ v: SIMD8<Double>) -> [UInt64] { (0..<8).map { v[$0].bitPattern } }

    @Test func limitIsVectorMathsReductionRange() {
        #expect(DoubleCosSin.limit == VectorMath.reductionRange)
    }

    /// The eight-lane functions themselves (compiled into this test target) against VectorMath.
    @Test func lanesMatchVectorMathBitForBit() {
        let xs = Self.arguments()
        #expect(xs.allSatisfy { abs($0) < DoubleCosSin.limit })
        var mismatches = 0
        for v in Self.lanes(of: xs) {
            let (c, s) = VectorMath.cosSin(v)
            let (c2, s2) = DoubleCosSin.cosSin(v)
            let c3 = DoubleCosSin.cos(v)
            if Self.bits(c) != Self.bits(c2) || Self.bits(s) != Self.bits(s2) || Self.bits(c) != Self.bits(c3) {
                mismatches += 1
                if mismatches <= 3 { Issue.record("lanes \(v): VectorMath \(c), \(s); DoubleCosSin \(c2), \(s2), cos-only \(c3)") }
            }
        }
        #expect(mismatches == 0)
    }

    // MARK: - Rows, in every compiled variant

    /// Every compiled variant writes VectorMath's bits for every argument above (one row,
    /// scale 1, which is exact).
    @Test func variantsMatchVectorMathOnEveryArgument() {
        let xs = Self.arguments(), m = xs.count
        let expected = Self.lanes(of: xs).map { VectorMath.cosSin($0) }
        let expectedCos = (0..<m).map { expected[$0 / 8].cos[$0 % 8].bitPattern }
        let expectedSin = (0..<m).map { expected[$0 / 8].sin[$0 % 8].bitPattern }
        for set in HadamardInstructionSet.available {
            let both = Self.writeRows(set, xs, m: m, rows: 1, withSine: true, scale: 1, rowScales: nil, offsets: nil)
            let cosOnly = Self.writeRows(set, xs, m: m, rows: 1, withSine: false, scale: 1, rowScales: nil, offsets: nil)
            #expect(both[..<m].map(\.bitPattern) == expectedCos, "\(set) cos")
            #expect(both[m...].map(\.bitPattern) == expectedSin, "\(set) sin")
            #expect(cosOnly.map(\.bitPattern) == expectedCos, "\(set) cos only")
        }
    }

    /// Rows of length m: random arguments, the special arguments above, and rows that must take
    /// the library fallback (an argument ≥ the limit, exactly at it, ±inf, NaN, and one whose
    /// |z| + |β| crosses the limit only with the offsets of `offsets(m)`).
    static func rowsOfArguments(m: Int) -> (z: [Double], rows: Int) {
        let special = arguments()
        var g = Uniform(state: UInt64(m) &* 977)
        var rows: [[Double]] = []
        rows.append((0..<m).map { _ in g.next() * 40 })
        for start in stride(from: 0, to: min(special.count, 16 * m), by: m) {
            rows.append((0..<m).map { special[(start + $0) % special.count] })
        }
        let limit = VectorMath.reductionRange
        for bad in [2e6, -3e7, limit, .infinity, -.infinity, .nan] {
            var row = (0..<m).map { _ in g.next() * 3 }
            row[(m - 1) / 2] = bad
            rows.append(row)
        }
        var crossing = (0..<m).map { _ in g.next() * 3 }
        crossing[m - 1] = limit - 1      // with β = 3: |z| + |β| ≥ limit
        rows.append(crossing)
        return (rows.flatMap { $0 }, rows.count)
    }

    static func offsets(m: Int) -> [Double] {
        var g = Uniform(state: 42)
        var beta = (0..<m).map { _ in (g.next() + 1) * .pi }
        beta[m - 1] = 3
        return beta
    }

    /// The Double path of `TrigonometricColumns` as it was written before `DoubleCosSin`:
    /// blocks of eight through `VectorMath.cosSin` (zero-padded), or the library call for a row
    /// with |z| + |β| ≥ the limit (or NaN) anywhere, each times sₚ.
    static func referenceRows(_ z: [Double], m: Int, rows: Int, withSine: Bool, scale: Double,
                              rowScales: [Double]?, offsets: [Double]?) -> [Double] {
        let width = withSine ? 2 * m : m
        var out = [Double](repeating: .nan, count: rows * width)
        for p in 0..<rows {
            let s = scale * (rowScales?[p] ?? 1)
            let inRange = (0..<m).allSatisfy { abs(z[p * m + $0]) + abs(offsets?[$0] ?? 0) < VectorMath.reductionRange }
            for j in stride(from: 0, to: m, by: 8) {
                let valid = min(8, m - j)
                var v = SIMD8<Double>()
                for k in 0..<valid { v[k] = z[p * m + j + k] }
                if let offsets { for k in 0..<valid { v[k] += offsets[j + k] } }
                var (c, sn) = (SIMD8<Double>(), SIMD8<Double>())
                if inRange {
                    (c, sn) = VectorMath.cosSin(v)
                } else {
                    for k in 0..<valid { c[k] = Glibc.cos(v[k]); sn[k] = Glibc.sin(v[k]) }
                }
                for k in 0..<valid {
                    out[p * width + j + k] = c[k] * s
                    if withSine { out[p * width + m + j + k] = sn[k] * s }
                }
            }
        }
        return out
    }

    static func writeRows(_ set: HadamardInstructionSet, _ z: [Double], m: Int, rows: Int, withSine: Bool,
                          scale: Double, rowScales: [Double]?, offsets: [Double]?) -> [Double] {
        let width = withSine ? 2 * m : m
        var out = [Double](repeating: .nan, count: rows * width)
        z.withUnsafeBufferPointer { zb in
            (rowScales ?? []).withUnsafeBufferPointer { sb in
                (offsets ?? []).withUnsafeBufferPointer { ob in
                    out.withUnsafeMutableBufferPointer { outb in
                        let zp = zb.baseAddress!, op = outb.baseAddress!, sine = withSine ? m : -1
                        let sp = rowScales == nil ? nil : sb.baseAddress, bp = offsets == nil ? nil : ob.baseAddress
                        switch set {
                        case .portable:
                            DoubleCosSin.writeRows(zp, columns: m, rows: 0..<rows, into: op, width: width, sinColumn: sine,
                                                   scale: scale, rowScales: sp, offsets: bp)
                        case .avx2:
                            DoubleCosSinAVX2.writeRows(zp, columns: m, rows: 0..<rows, into: op, width: width, sinColumn: sine,
                                                       scale: scale, rowScales: sp, offsets: bp)
                        case .avx512:
                            DoubleCosSinAVX512.writeRows(zp, columns: m, rows: 0..<rows, into: op, width: width, sinColumn: sine,
                                                         scale: scale, rowScales: sp, offsets: bp)
                        }
                    }
                }
            }
        }
        return out
    }

    /// Every variant, with and without sine columns, offsets and row scales, over ragged widths.
    @Test(arguments: [1, 5, 8, 13, 16, 37, 64])
    func writeRowsMatchesReferenceInEveryVariant(m: Int) {
        let (z, rows) = Self.rowsOfArguments(m: m)
        let rowScales = (0..<rows).map { 0.25 + Double($0 % 5) }
        for withSine in [true, false] {
            for offsets in [nil, Self.offsets(m: m)] {
                for scales in [nil, rowScales] {
                    let expected = Self.referenceRows(z, m: m, rows: rows, withSine: withSine, scale: 0.125,
                                                      rowScales: scales, offsets: offsets)
                    for set in HadamardInstructionSet.available {
                        let got = Self.writeRows(set, z, m: m, rows: rows, withSine: withSine, scale: 0.125,
                                                 rowScales: scales, offsets: offsets)
                        #expect(got.map(\.bitPattern) == expected.map(\.bitPattern),
                                "\(set), m \(m), sine \(withSine), offsets \(offsets != nil), row scales \(scales != nil)")
                    }
                }
            }
        }
    }

    /// `TrigonometricColumns.features` for Double gives the reference bits at any thread count
    /// (the batch is above the parallel threshold, so several bands run).
    @Test func featuresMatchReferenceAtAnyThreadCount() {
        let m = 100, rows = 700
        var g = Uniform(state: 5)
        var z = (0..<(rows * m)).map { _ in g.next() * 30 }
        z[3 * m + 7] = 5e6                          // one fallback row
        #expect(z.count >= TrigonometricColumns.parallelThreshold)
        let matrix = Matrix(rows: rows, columns: m, storage: z)
        let beta = Self.offsets(m: m), rowScales = (0..<rows).map { 1 + Double($0 % 3) }
        let expectedSine = Self.referenceRows(z, m: m, rows: rows, withSine: true, scale: 0.1, rowScales: rowScales, offsets: nil)
        let expectedOffset = Self.referenceRows(z, m: m, rows: rows, withSine: false, scale: 0.1, rowScales: nil, offsets: beta)
        for threads in [1, 2, 3] {
            let sine = TrigonometricColumns.features(matrix, scale: 0.1, rowScales: rowScales, withSine: true, threads: threads)
            let offset = TrigonometricColumns.features(matrix, scale: 0.1, offsets: beta, withSine: false, threads: threads)
            #expect(sine.storage.map(\.bitPattern) == expectedSine.map(\.bitPattern), "threads \(threads)")
            #expect(offset.storage.map(\.bitPattern) == expectedOffset.map(\.bitPattern), "threads \(threads)")
        }
    }

    // MARK: - Fused row means

    /// The cosines `rowMeansOfCos` sums: VectorMath's, or the library's for a row with an
    /// argument out of range or NaN.
    static func cosines(of row: ArraySlice<Double>) -> [Double] {
        let xs = Array(row)
        guard xs.allSatisfy({ abs($0) < VectorMath.reductionRange }) else { return xs.map { Glibc.cos($0) } }
        let all = lanes(of: xs).flatMap { v -> [Double] in
            let c = VectorMath.cosSin(v).cos
            return (0..<8).map { c[$0] }
        }
        return Array(all.prefix(xs.count))
    }

    /// The documented order: aₖ = Σ over j ≡ k (mod 8) in increasing j, then
    /// ((a₀ + a₄) + (a₂ + a₆)) + ((a₁ + a₅) + (a₃ + a₇)), divided by m.
    static func referenceMean(_ c: [Double]) -> Double {
        var a = [Double](repeating: 0, count: 8)
        for (j, value) in c.enumerated() { a[j % 8] += value }
        return (((a[0] + a[4]) + (a[2] + a[6])) + ((a[1] + a[5]) + (a[3] + a[7]))) / Double(c.count)
    }

    static func rowMeans(_ set: HadamardInstructionSet, _ z: [Double], m: Int, rows: Int) -> [Double] {
        var means = [Double](repeating: .nan, count: rows)
        z.withUnsafeBufferPointer { zb in
            means.withUnsafeMutableBufferPointer { mb in
                switch set {
                case .portable: DoubleCosSin.rowMeansOfCos(zb.baseAddress!, columns: m, rows: 0..<rows, into: mb.baseAddress!)
                case .avx2: DoubleCosSinAVX2.rowMeansOfCos(zb.baseAddress!, columns: m, rows: 0..<rows, into: mb.baseAddress!)
                case .avx512: DoubleCosSinAVX512.rowMeansOfCos(zb.baseAddress!, columns: m, rows: 0..<rows, into: mb.baseAddress!)
                }
            }
        }
        return means
    }

    @Test(arguments: [1, 5, 8, 13, 16, 37, 64, 1024])
    func rowMeansFollowTheDocumentedOrderInEveryVariant(m: Int) {
        let (z, rows) = Self.rowsOfArguments(m: m)
        let expected = (0..<rows).map { p in Self.referenceMean(Self.cosines(of: z[(p * m)..<((p + 1) * m)])) }
        for set in HadamardInstructionSet.available {
            #expect(Self.rowMeans(set, z, m: m, rows: rows).map(\.bitPattern) == expected.map(\.bitPattern), "\(set), m \(m)")
        }
        let dispatched = TrigonometricColumns.rowMeansOfCos(Matrix(rows: rows, columns: m, storage: z))
        #expect(dispatched.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    /// Against the column-order sum of the same cosines: each of the two sums is within
    /// (m − 1)·(ε/2)·Σ|cⱼ| of the exact sum (Higham, "Accuracy and Stability of Numerical
    /// Algorithms", 2002, §4.2; the lane-wise order needs at most max(m − 1, 3) additions per
    /// term), so the means differ by at most max(m, 4)·ε·Σ|cⱼ|/m plus the rounding of the division.
    @Test(arguments: [1, 5, 16, 37, 1024, 4099])
    func rowMeansAreWithinRoundingOfTheSequentialSum(m: Int) {
        var g = Uniform(state: UInt64(m))
        let rows = 20
        let z = (0..<(rows * m)).map { _ in g.next() * 25 }
        let means = TrigonometricColumns.rowMeansOfCos(Matrix(rows: rows, columns: m, storage: z))
        for p in 0..<rows {
            let c = Self.cosines(of: z[(p * m)..<((p + 1) * m)])
            let sequential = c.reduce(0, +) / Double(m)
            let magnitude = c.reduce(0) { $0 + abs($1) } / Double(m)
            let tolerance = Double(max(m, 4)) * Double.ulpOfOne * magnitude + 2 * sequential.ulp
            #expect(abs(means[p] - sequential) <= tolerance, "row \(p), m \(m)")
        }
    }
}

/// `rowPrefixMeansOfCos`: one prefix is `rowMeansOfCos` bit for bit; several follow the
/// documented order (each segment in its own eight lanes, added to the running lanes).
@Suite struct RowPrefixMeansTests {
    @Test(arguments: [[40], [3, 8, 16, 40], [8, 24, 37, 40], [1, 2, 40]])
    func prefixMeansFollowTheirOrder(prefixes: [Int]) {
        let rows = 5, m = 40
        var g = RandomStream(seed: 31)
        var z = Matrix<Double>(rows: rows, columns: m, storage: (0..<(rows * m)).map { _ in Sampling.normal(using: &g) * 4 })
        z.storage[2 * m + 7] = 3e6   // row 2 through the library fallback
        let got = TrigonometricColumns.rowPrefixMeansOfCos(z, prefixes: prefixes)
        if prefixes == [m] {
            #expect(got[0].map(\.bitPattern) == TrigonometricColumns.rowMeansOfCos(z).map(\.bitPattern))
        }
        for p in 0..<rows {
            let row = Array(z.storage[(p * m)..<((p + 1) * m)])
            let fallback = row.contains { abs($0) >= VectorMath.reductionRange }
            var running = [Double](repeating: 0, count: 8)
            var start = 0
            for (i, end) in prefixes.enumerated() {
                var segment = [Double](repeating: 0, count: 8)
                for j in start..<end {
                    segment[(j - start) % 8] += fallback ? Double.cos(row[j]) : referenceCos(row[j])
                }
                for k in 0..<8 { running[k] += segment[k] }
                start = end
                let sum = ((running[0] + running[4]) + (running[2] + running[6])) + ((running[1] + running[5]) + (running[3] + running[7]))
                #expect(got[i][p].bitPattern == (sum / Double(end)).bitPattern, "row \(p) prefix \(end)")
            }
        }
    }

    /// The vector cosine of one value, as the kernels compute it.
    private func referenceCos(_ x: Double) -> Double { VectorMath.cosSin(SIMD8(repeating: x)).cos[0] }
}
