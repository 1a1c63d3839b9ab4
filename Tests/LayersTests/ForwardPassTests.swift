import Foundation
import Testing
@testable import Layers
import RandomFeatures

/// Each fast forward pass against its materialised dense matrix, f(X Mᵀ + b) in
/// Double, to 1e-4 relative in Float (issue 5).
@Suite struct ForwardPassTests {
    static let x: Matrix<Float> = TestData.gaussian(7, 24, seed: 1).converted()

    static func bias(_ l: Int) -> [Float] { TestData.gaussian(1, l, seed: 99, scale: 0.3).storage.map(Float.init) }

    func check(_ layer: some LinearLayer & Sendable, materialized m: Matrix<Float>, bias: [Float], activation: Activation,
               x: Matrix<Float> = ForwardPassTests.x) throws {
        let y = try layer.forward(x)
        let expected = TestData.reference(x, m, bias: bias, activation: activation)
        #expect(y.rows == x.rows && y.columns == layer.outputDimension)
        #expect(TestData.relativeError(y, expected) < 1e-4)
    }

    @Test(arguments: [Activation.identity, .relu, .gelu, .tanh])
    func dense(activation: Activation) throws {
        let w: Matrix<Float> = TestData.gaussian(16, 24, seed: 2).converted()
        let layer = DenseLayer(weights: w, bias: Self.bias(16), activation: activation)
        try check(layer, materialized: w, bias: Self.bias(16), activation: activation)
        #expect(layer.parameterCount == 16 * 24 + 16 && layer.storedBytes == 4 * layer.parameterCount)
    }

    @Test func lowRank() throws {
        let layer = LowRankLayer(down: TestData.gaussian(5, 24, seed: 3).converted(), up: TestData.gaussian(16, 5, seed: 4).converted(),
                                 bias: Self.bias(16), activation: .gelu)
        try check(layer, materialized: layer.materialized(), bias: Self.bias(16), activation: .gelu)
        #expect(layer.parameterCount == 5 * (24 + 16) + 16)
    }

    @Test(arguments: [(4, 16), (2, 8), (8, 32)])
    func dyad(blocks k: Int, outputs l: Int) throws {
        let bIn = 24 / k
        let layer = DYADLayer(blocks: k, lower: TestData.gaussian(l, bIn, seed: 5).converted(),
                              upper: TestData.gaussian(l, bIn, seed: 6).converted(), bias: Self.bias(l), activation: .relu)
        // The materialised matrix is built entry by entry from the definition, independently of the GEMM path.
        try check(layer, materialized: layer.materialized(), bias: Self.bias(l), activation: .relu)
        #expect(layer.multiplyAddsPerInput == 2 * 24 * l / k)
    }

    @Test(arguments: [PRPProjection.gaussian, .orthogonal])
    func prp(projection: PRPProjection) throws {
        let alpha = TestData.gaussian(1, 24, seed: 7).storage.map(Float.init)
        let scale = TestData.gaussian(1, 16, seed: 8).storage.map(Float.init)
        let layer = try PRPLayer(projection: projection, seed: 3, inputDimension: 24, outputDimension: 16,
                                 alpha: alpha, scale: scale, bias: Self.bias(16), activation: .tanh)
        try check(layer, materialized: layer.materialized(), bias: Self.bias(16), activation: .tanh)
        #expect(layer.parameterCount == 24 + 2 * 16 && layer.storedBytes == 4 * (24 + 32))
    }

    /// The ACDC stack against S built column by column from the textbook DCT sums in
    /// Double (no FFTW): an independent reference for the FFTW path, the riffle and padding.
    @Test(arguments: [(24, 16, 3), (10, 13, 2), (16, 16, 1)])
    func acdc(inputs d: Int, outputs l: Int, layers: Int) throws {
        let layer = ACDCLayer(inputDimension: d, outputDimension: l, layers: layers, seed: 5,
                              bias: Self.bias(l), activation: .identity)
        let n = max(d, l)
        func dct2(_ x: [Double]) -> [Double] {
            var y = [Double](repeating: 0, count: n)
            for k in 0..<n {
                for j in 0..<n {
                    let angle = Double.pi * Double(k) * (Double(j) + 0.5) / Double(n)
                    y[k] += 2 * x[j] * cos(angle)
                }
            }
            return y
        }
        func dct3(_ x: [Double]) -> [Double] {
            var y = [Double](repeating: 0, count: n)
            for k in 0..<n {
                y[k] = x[0]
                for j in 1..<n {
                    let angle = Double.pi * Double(j) * (Double(k) + 0.5) / Double(n)
                    y[k] += 2 * x[j] * cos(angle)
                }
            }
            return y
        }
        let riffle = ACDCLayer.riffleOrder(width: n)
        var m = Matrix<Float>(rows: l, columns: d)
        for i in 0..<d {
            var h = [Double](repeating: 0, count: n)
            h[i] = 1
            for k in 0..<layers {
                if k > 0 { h = riffle.map { h[$0] } }
                let scaledA: [Double] = (0..<n).map { h[$0] * Double(layer.a[k][$0]) }
                let spectrum = dct2(scaledA)
                let scaledD: [Double] = (0..<n).map { spectrum[$0] * Double(layer.d[k][$0]) }
                h = dct3(scaledD)
            }
            for o in 0..<l { m[o, i] = Float(h[o]) }
        }
        let x: Matrix<Float> = TestData.gaussian(5, d, seed: 12).converted()
        try check(layer, materialized: m, bias: Self.bias(l), activation: .identity, x: x)
        #expect(TestData.relativeError(layer.materialized(), m) < 1e-4)
    }

    @Test func riffleIsThePerfectShuffle() {
        #expect(ACDCLayer.riffleOrder(width: 8) == [0, 4, 1, 5, 2, 6, 3, 7])
        #expect(ACDCLayer.riffleOrder(width: 5) == [0, 3, 1, 4, 2])
    }

    @Test func wrongInputWidthIsRefused() throws {
        let layer = DenseLayer(weights: Matrix(rows: 2, columns: 3), bias: [0, 0], activation: .identity)
        #expect(throws: LayerError.self) { try layer.forward(Matrix(rows: 1, columns: 4)) }
    }
}

/// ALGORITHMS.md §6.5, §8.18 and §9: the DYAD oracles.
@Suite struct DYADOracleTests {
    @Test func gatherOrder() {
        #expect(DYADLayer.gatherOrder(blocks: 4, blockInputs: 3) == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
    }

    /// k = 4, d_in = 3 per block (n_in = 12), d_out = 2 per block (n_out = 8): the two
    /// terms overlap in 8 positions, so 40 of the 96 entries are non-zero.
    @Test func fortyOfNinetySixNonZeros() {
        let ones = Matrix<Float>(rows: 8, columns: 3, repeating: 1)
        let layer = DYADLayer(blocks: 4, lower: ones, upper: ones, bias: [Float](repeating: 0, count: 8), activation: .identity)
        let w = layer.materialized()
        #expect(w.rows * w.columns == 96)
        #expect(w.storage.filter { $0 != 0 }.count == 40)
        #expect(w.storage.filter { $0 == 2 }.count == 8)
    }
}
