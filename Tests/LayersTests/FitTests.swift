import CBLAS
import Foundation
import Testing
@testable import Layers
import RandomFeatures

/// The closed-form fits against direct least-squares solutions and exact recoveries.
@Suite struct FitTests {
    /// `DiagonalLeastSquares.solve` against QR least squares (`RidgeSolver`, λ = 0) on the
    /// explicit (n·l + N) × (N + l) design: rows (Mₒₖ uᵣₖ | eₒ) with target zᵣₒ, plus
    /// √λ·eₖ rows with target 0 for the ridge on δ only.
    @Test(arguments: [0.0, 0.7])
    func diagonalFitMatchesExplicitDesign(lambda: Double) throws {
        let n = 9, dim = 5, l = 4
        let u = TestData.gaussian(n, dim, seed: 21), m = TestData.gaussian(l, dim, seed: 22), z = TestData.gaussian(n, l, seed: 23)
        let (delta, bias) = try DiagonalLeastSquares.solve(inputs: u, map: m, targets: z, ridge: lambda)
        let rows = n * l + dim, cols = dim + l
        var f = Matrix<Double>(rows: rows, columns: cols), t = Matrix<Double>(rows: rows, columns: 1)
        for r in 0..<n {
            for o in 0..<l {
                let row = r * l + o
                for k in 0..<dim { f[row, k] = m[o, k] * u[r, k] }
                f[row, dim + o] = 1
                t[row, 0] = z[r, o]
            }
        }
        for k in 0..<dim { f[n * l + k, k] = lambda.squareRoot() }
        let theta = try RidgeSolver.solve(features: f, targets: t, ridge: 0)
        for k in 0..<dim { #expect(abs(delta[k] - theta[k, 0]) <= 1e-9 * max(1, abs(theta[k, 0]))) }
        for o in 0..<l { #expect(abs(bias[o] - theta[dim + o, 0]) <= 1e-9 * max(1, abs(theta[dim + o, 0]))) }
    }

    /// The M = I special case equals the general solve with M = I.
    @Test func perColumnFitEqualsGeneralFitWithIdentity() throws {
        let u = TestData.gaussian(11, 4, seed: 31), z = TestData.gaussian(11, 4, seed: 32)
        var identity = Matrix<Double>(rows: 4, columns: 4)
        for k in 0..<4 { identity[k, k] = 1 }
        let a = try DiagonalLeastSquares.solvePerColumn(inputs: u, targets: z, ridge: 0.2)
        let b = try DiagonalLeastSquares.solve(inputs: u, map: identity, targets: z, ridge: 0.2)
        for k in 0..<4 {
            #expect(abs(a.scale[k] - b.scale[k]) < 1e-12 && abs(a.bias[k] - b.bias[k]) < 1e-12)
        }
    }

    static func request(_ w: Matrix<Double>, bias: [Double], rows: Int, blocks: Int? = nil, rank: Int? = nil,
                        ridge: Double = 0, seed: UInt64 = 0) -> LayerFitRequest {
        LayerFitRequest(teacherWeights: w, teacherBias: bias, activation: .identity,
                        calibration: TestData.gaussian(rows, w.columns, seed: 41), rank: rank, blocks: blocks,
                        ridge: ridge, seed: seed)
    }

    /// A teacher that is itself a DYAD layer is recovered exactly (each block's least
    /// squares is consistent), including the overlapping positions.
    @Test func dyadRecoversADyadTeacher() throws {
        let teacher = DYADLayer(blocks: 4, lower: TestData.gaussian(16, 6, seed: 51).converted(),
                                upper: TestData.gaussian(16, 6, seed: 52).converted(), bias: [Float](repeating: 0, count: 16),
                                activation: .identity)
        let w: Matrix<Double> = teacher.materialized().converted()
        let bias = TestData.gaussian(1, 16, seed: 53).storage
        let layer = try DYADLayer.fit(Self.request(w, bias: bias, rows: 40, blocks: 4))
        #expect(TestData.relativeError(layer.materialized(), w) < 1e-5)
        for o in 0..<16 { #expect(abs(Double(layer.bias[o]) - bias[o]) < 1e-5) }
    }

    /// A rank-3 teacher is recovered exactly at rank 3. For the leading right singular
    /// vectors, ‖W − W Vᵣᵀ Vᵣ‖²_F = ‖W‖²_F − Σ_{i≤r} sᵢ² (Eckart–Young), the rows of Vᵣ are
    /// orthonormal, and the values match LAPACK's SVD (`dgesdd`) of the same matrix.
    @Test func lowRankRecoversALowRankTeacher() throws {
        let w = TestData.gaussian(12, 3, seed: 61).multiplied(by: TestData.gaussian(3, 20, seed: 62))
        let layer = try LowRankLayer.fit(Self.request(w, bias: [Double](repeating: 0.5, count: 12), rows: 30, rank: 3))
        #expect(TestData.relativeError(layer.materialized(), w) < 1e-5)

        let full = TestData.gaussian(12, 20, seed: 63)
        let (s, v) = try TruncatedSVD.rightSingularVectors(of: full, rank: 4)
        let projected = full.multipliedByTranspose(of: v).multiplied(by: v)
        var residual = 0.0
        for i in full.storage.indices { residual += pow(full.storage[i] - projected.storage[i], 2) }
        let total = full.storage.reduce(0) { $0 + $1 * $1 }
        let tail = total - s.reduce(0) { $0 + $1 * $1 }
        #expect(abs(residual - tail) <= 1e-9 * total)
        let gram = v.multipliedByTranspose(of: v)
        for i in 0..<4 { for j in 0..<4 { #expect(abs(gram[i, j] - (i == j ? 1 : 0)) < 1e-10) } }
        // dgesdd on the same matrix (column-major Wᵀ has the same singular values).
        var a = full.storage, sv = [Double](repeating: 0, count: 12)
        var jobz = CChar(UInt8(ascii: "N")), m32 = Int32(20), n32 = Int32(12), lda = Int32(20), one = Int32(1)
        var info: Int32 = 0, lwork = Int32(2000), u = 0.0, vt = 0.0
        var work = [Double](repeating: 0, count: 2000), iwork = [Int32](repeating: 0, count: 96)
        var ldu = one
        dgesdd_(&jobz, &m32, &n32, &a, &lda, &sv, &u, &one, &vt, &ldu, &work, &lwork, &iwork, &info)
        #expect(info == 0)
        for i in 0..<4 { #expect(abs(s[i] - sv[i]) <= 1e-10 * sv[0]) }
    }

    /// PRP's alternating fit: each closed-form step cannot increase ‖Ŷ − Z‖² (λ = 0).
    @Test(arguments: [ProjectionKind.iid, .orthogonal])
    func prpAlternationIsMonotone(projection: ProjectionKind) throws {
        var request = Self.request(TestData.gaussian(10, 14, seed: 71), bias: [Double](repeating: 0.1, count: 10), rows: 60, seed: 9)
        request.projection = projection
        let (_, trace) = try PRPLayer.fitWithTrace(request)
        #expect(trace.count == 1 + 2 * PRPLayer.alternations)
        for (a, b) in zip(trace, trace.dropFirst()) { #expect(b <= a * (1 + 1e-12)) }
        #expect(trace.last! < trace.first!)
    }

    /// A PRP teacher with the fitted layer's own P: the fit of (w, b) given α = 1 is exact when the
    /// teacher's α is 1, so the error is ~0 after the first step and stays there.
    @Test func prpRecoversAPRPTeacherWithUnitAlpha() throws {
        let scale = TestData.gaussian(1, 10, seed: 72).storage.map(Float.init)
        let teacher = try PRPLayer(projection: .gaussian, seed: 9, inputDimension: 14, outputDimension: 10,
                                   alpha: [Float](repeating: 1, count: 14), scale: scale,
                                   bias: [Float](repeating: 0, count: 10), activation: .identity)
        let w: Matrix<Double> = teacher.materialized().converted()
        let layer = try PRPLayer.fit(Self.request(w, bias: [Double](repeating: 0, count: 10), rows: 60, seed: 9))
        #expect(TestData.relativeError(layer.materialized(), w) < 1e-4)
    }

    /// ACDC: a teacher that is the seeded stack with another last D is recovered exactly
    /// by the closed-form D_L step (the A₁ step then has nothing to improve).
    @Test(arguments: [1, 3])
    func acdcRecoversTheLastDiagonal(layers: Int) throws {
        let n = 12
        let lastD = TestData.gaussian(1, n, seed: 81).storage.map { Float($0 / Double(2 * n)) }
        let teacher = ACDCLayer(inputDimension: n, outputDimension: 9, layers: layers, seed: 4, lastD: lastD, activation: .identity)
        let w: Matrix<Double> = teacher.materialized().converted()
        var request = Self.request(w, bias: [Double](repeating: -0.2, count: 9), rows: 50, seed: 4)
        request.blocks = layers
        let layer = try ACDCLayer.fit(request)
        #expect(TestData.relativeError(layer.materialized(), w) < 1e-4)
        for o in 0..<9 { #expect(abs(Double(layer.bias[o]) + 0.2) < 1e-4) }
    }

    @Test func missingOrBadHyperParametersAreOneLineErrors() throws {
        let w = TestData.gaussian(6, 8, seed: 1)
        #expect(throws: LayerError.self) { try DYADLayer.fit(Self.request(w, bias: [Double](repeating: 0, count: 6), rows: 20)) }
        #expect(throws: LayerError.self) { try DYADLayer.fit(Self.request(w, bias: [Double](repeating: 0, count: 6), rows: 20, blocks: 4)) }
        #expect(throws: LayerError.self) { try LowRankLayer.fit(Self.request(w, bias: [Double](repeating: 0, count: 6), rows: 20, rank: 7)) }
        #expect(throws: LayerError.self) { try LayerKinds.fit(kind: "snnk", Self.request(w, bias: [Double](repeating: 0, count: 6), rows: 20)) }
    }
}
