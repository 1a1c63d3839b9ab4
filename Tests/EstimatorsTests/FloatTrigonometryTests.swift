import Foundation
import Testing
import _TrigonometricKernels

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
            let lanes = FloatCosSin.Lanes(values[start..<(start + 16)])
            let (c, s) = FloatCosSin.cosSin(lanes)
            for k in 0..<16 {
                let x = Double(lanes[k])
                worst = max(worst, abs(Double(c[k]) - cos(x)), abs(Double(s[k]) - sin(x)))
            }
        }
        #expect(worst <= bound, "range \(range): worst |error| \(worst)")
    }
}

import RandomFeatures
import _TrigonometricKernelsAVX2
import _TrigonometricKernelsAVX512

/// Every compiled variant of the Float kernel writes the same bits as the portable one,
/// including a row with an argument beyond the Float limit (computed in Double) and a
/// ragged tail (m mod 16 ≠ 0).
@Suite struct FloatCosSinVariantTests {
    @Test func variantsAgreeBitForBit() {
        let rows = 5, m = 37, width = 2 * m
        var state: UInt64 = 99
        var z = (0..<(rows * m)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float((Double(state >> 11) * 0x1p-53 * 2 - 1) * 40)
        }
        z[2 * m + 3] = 1e5
        let scales: [Double] = [1, 0.5, 2, 1e-3, 3]
        func run(_ set: HadamardInstructionSet) -> [Float] {
            var out = [Float](repeating: .nan, count: rows * width)
            z.withUnsafeBufferPointer { zb in
                scales.withUnsafeBufferPointer { sb in
                    out.withUnsafeMutableBufferPointer { ob in
                        let args = (zb.baseAddress!, ob.baseAddress!, sb.baseAddress!)
                        switch set {
                        case .portable:
                            FloatCosSin.writeRows(args.0, columns: m, rows: 0..<rows, into: args.1, width: width, sinColumn: m, scale: 0.25, rowScales: args.2, offsets: nil)
                        case .avx2:
                            FloatCosSinAVX2.writeRows(args.0, columns: m, rows: 0..<rows, into: args.1, width: width, sinColumn: m, scale: 0.25, rowScales: args.2, offsets: nil)
                        case .avx512:
                            FloatCosSinAVX512.writeRows(args.0, columns: m, rows: 0..<rows, into: args.1, width: width, sinColumn: m, scale: 0.25, rowScales: args.2, offsets: nil)
                        }
                    }
                }
            }
            return out
        }
        let reference = run(.portable)
        #expect(reference.allSatisfy { $0.isFinite })
        for p in 0..<rows {
            for j in 0..<m {
                let t = Double(z[p * m + j]), s = 0.25 * scales[p]
                #expect(abs(Double(reference[p * width + j]) - s * cos(t)) <= 2e-7 * max(1, s))
                #expect(abs(Double(reference[p * width + m + j]) - s * sin(t)) <= 2e-7 * max(1, s))
            }
        }
        for set in HadamardInstructionSet.available where set != .portable {
            #expect(run(set).map(\.bitPattern) == reference.map(\.bitPattern), "\(set)")
        }
    }
}
