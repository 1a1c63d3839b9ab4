import Testing
@testable import Layers
import RandomFeatures

@Suite struct LayerProtocolTests {
    @Test func activationNamesAreTheCommandLineNames() {
        #expect(Activation(rawValue: "gelu") == .gelu)
        #expect(Activation(rawValue: "softplus") == nil)
    }
}

@Suite struct RidgeSolverTests {
    /// Against the normal equations (FᵀF + λI)Θ = FᵀY solved independently by
    /// Gaussian elimination on a small problem: agreement to 1e-10 relative.
    @Test(arguments: [0.0, 0.5])
    func matchesNormalEquations(lambda: Double) throws {
        var stream = RandomStream(seed: 7)
        let n = 12, dim = 4, l = 3
        let f = Matrix<Double>(rows: n, columns: dim, storage: (0..<(n * dim)).map { _ in Sampling.normal(using: &stream) })
        let y = Matrix<Double>(rows: n, columns: l, storage: (0..<(n * l)).map { _ in Sampling.normal(using: &stream) })
        let theta = try RidgeSolver.solve(features: f, targets: y, ridge: lambda)
        // Normal equations, augmented [FᵀF + λI | FᵀY], eliminated with partial pivoting.
        var a = [[Double]](repeating: [Double](repeating: 0, count: dim + l), count: dim)
        for r in 0..<dim {
            for c in 0..<dim { a[r][c] = (0..<n).reduce(0) { $0 + f[$1, r] * f[$1, c] } + (r == c ? lambda : 0) }
            for c in 0..<l { a[r][dim + c] = (0..<n).reduce(0) { $0 + f[$1, r] * y[$1, c] } }
        }
        for p in 0..<dim {
            let pivot = (p..<dim).max { abs(a[$0][p]) < abs(a[$1][p]) }!
            a.swapAt(p, pivot)
            for r in 0..<dim where r != p {
                let factor = a[r][p] / a[p][p]
                for c in p..<(dim + l) { a[r][c] -= factor * a[p][c] }
            }
        }
        for r in 0..<dim {
            for c in 0..<l {
                let expected = a[r][dim + c] / a[r][r]
                #expect(abs(theta[r, c] - expected) <= 1e-10 * max(1, abs(expected)))
            }
        }
    }

    /// ALGORITHMS.md §8.6: a rank-deficient F (a repeated column, fewer rows
    /// than unknowns) gives a finite ridge solution, and a clear error at λ = 0.
    @Test func rankDeficientFeaturesNeedRidge() throws {
        let f = Matrix<Double>(rowArrays: [[1, 1, 2], [2, 2, 0]])
        let y = Matrix<Double>(rowArrays: [[1], [3]])
        let theta = try RidgeSolver.solve(features: f, targets: y, ridge: 1e-3)
        #expect(theta.storage.allSatisfy { $0.isFinite })
        #expect(throws: LayerError.self) { try RidgeSolver.solve(features: f, targets: y, ridge: 0) }
    }
}
