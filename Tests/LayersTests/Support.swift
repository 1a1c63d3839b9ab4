import Foundation
import Layers
import RandomFeatures

/// Seeded Gaussian matrices and Frobenius norms shared by the layer tests.
enum TestData {
    static func gaussian(_ rows: Int, _ columns: Int, seed: UInt64, scale: Double = 1) -> Matrix<Double> {
        var s = RandomStream(seed: seed)
        return Matrix(rows: rows, columns: columns, storage: (0..<(rows * columns)).map { _ in scale * Sampling.normal(using: &s) })
    }

    /// ‖a − b‖_F / ‖b‖_F in Double.
    static func relativeError<A: BLASScalar, B: BLASScalar>(_ a: Matrix<A>, _ b: Matrix<B>) -> Double {
        precondition(a.rows == b.rows && a.columns == b.columns)
        var num = 0.0, den = 0.0
        for i in a.storage.indices {
            let e = a.storage[i].doubleValue - b.storage[i].doubleValue
            num += e * e
            den += b.storage[i].doubleValue * b.storage[i].doubleValue
        }
        return (num / den).squareRoot()
    }

    /// f(X Mᵀ + b) computed entry by entry in Double from a materialised M (the reference).
    static func reference(_ x: Matrix<Float>, _ m: Matrix<Float>, bias: [Float], activation: Activation) -> Matrix<Double> {
        var y = Matrix<Double>(rows: x.rows, columns: m.rows)
        for r in 0..<x.rows {
            for o in 0..<m.rows {
                var s = Double(bias[o])
                for i in 0..<x.columns { s += Double(x[r, i]) * Double(m[o, i]) }
                y[r, o] = activation.apply(s)
            }
        }
        return y
    }
}
