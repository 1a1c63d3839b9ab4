import Testing
import _TestSupport
@testable import RandomFeatures

/// Stewart's Householder draw of Haar orthogonal matrices (`LAPACK.haarOrthogonalColumns`),
/// against the properties of the Haar measure and against the QR construction of
/// ALGORITHMS.md §2.2 (`LAPACK.haarOrthogonal(fromGaussian:)`).
@Suite struct HaarOrthogonalColumnsTests {
    /// QᵀQ = I to 1e-13 for full and truncated draws.
    @Test(arguments: [(1, 1), (5, 5), (3, 16), (64, 64)])
    func columnsAreOrthonormal(k: Int, d: Int) throws {
        var stream = RandomStream(seed: 0x5A)
        let q = try LAPACK.haarOrthogonalColumns(k, dimension: d, using: &stream)
        var worst = 0.0
        for a in 0..<k {
            for b in 0..<k {
                var dot = 0.0
                for i in 0..<d { dot += q[a * d + i] * q[b * d + i] }
                worst = max(worst, abs(dot - (a == b ? 1 : 0)))
            }
        }
        #expect(worst <= 1e-13)
    }

    /// The first k columns depend only on the first k reflectors, which are drawn first:
    /// a k-column draw equals the first k columns of a full draw from the same stream.
    @Test func truncatedDrawIsPrefixOfFullDraw() throws {
        let d = 12, k = 5
        var s1 = RandomStream(seed: 0x5B), s2 = RandomStream(seed: 0x5B)
        let full = try LAPACK.haarOrthogonalColumns(d, dimension: d, using: &s1)
        let part = try LAPACK.haarOrthogonalColumns(k, dimension: d, using: &s2)
        for i in 0..<(k * d) { #expect(abs(full[i] - part[i]) <= 1e-14) }
    }

    /// Every column of a Haar matrix is uniform on the sphere; at d = 3 its first
    /// coordinate is uniform on [−1, 1] (Archimedes). Without the sign fix the first
    /// column would be −sign(x₀)·x/‖x‖, whose first coordinate is never positive.
    @Test func columnsAreUniformOnTheSphere() throws {
        let d = 3, draws = 4000
        var stream = RandomStream(seed: 0x5C)
        var coordinates = [[Double]](repeating: [], count: d)
        for _ in 0..<draws {
            let q = try LAPACK.haarOrthogonalColumns(d, dimension: d, using: &stream)
            for c in 0..<d { coordinates[c].append(q[c * d]) }
        }
        for c in 0..<d {
            let ks = kolmogorovSmirnov(coordinates[c]) { min(1, max(0, ($0 + 1) / 2)) }
            #expect(ks.pValue > fiveSigmaPValue, "column \(c)")
        }
    }

    /// Moments of the trace of a Haar matrix on O(d) equal those of N(0, 1) up to order d
    /// (Diaconis and Shahshahani, J. Appl. Probab. 31A, 1994): E tr Q = 0, E (tr Q)² = 1,
    /// Var (tr Q)² = E (tr Q)⁴ − 1 = 2 at d = 8. Both the Householder draw and the QR of
    /// §2.2 pass at 5 SE, so they agree with each other as well.
    @Test(arguments: [false, true])
    func traceMomentsMatchHaar(viaQR: Bool) throws {
        let d = 8, draws = 20_000
        var stream = RandomStream(seed: viaQR ? 0x5D : 0x5E)
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<draws {
            var trace = 0.0
            if viaQR {
                var a = Matrix<Double>(rows: d, columns: d)
                a.storage.withUnsafeMutableBufferPointer { Ziggurat.fill($0, using: &stream) }
                let q = try LAPACK.haarOrthogonal(fromGaussian: a)
                for i in 0..<d { trace += q.storage[i * d + i] }
            } else {
                let q = try LAPACK.haarOrthogonalColumns(d, dimension: d, using: &stream)
                for i in 0..<d { trace += q[i * d + i] }
            }
            sum += trace
            sumSquares += trace * trace
        }
        let n = Double(draws)
        #expect(abs(sum / n) <= 5 * (1 / n).squareRoot())
        #expect(abs(sumSquares / n - 1) <= 5 * (2 / n).squareRoot())
    }
}
