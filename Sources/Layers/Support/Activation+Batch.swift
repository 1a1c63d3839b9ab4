import Foundation
import RandomFeatures

extension Activation {
    /// y ← f(y + b) for every row of a Float batch: the bias add and the
    /// activation fused into one pass over the output (n × d_out, b of d_out).
    ///
    /// identity and relu are plain loops over contiguous Floats that the
    /// compiler vectorises; gelu uses `erff` (exact GELU, z·Φ(z)); the others
    /// call the Float libm function; polynomial is Horner in Float.
    public func applyWithBias(to batch: inout Matrix<Float>, bias: [Float], coefficients: [Double] = []) {
        precondition(bias.count == batch.columns, "bias has \(bias.count) entries, the batch \(batch.columns) columns")
        let l = batch.columns
        let poly = coefficients.map(Float.init)
        let activation = self
        batch.storage.withUnsafeMutableBufferPointer { y in
            bias.withUnsafeBufferPointer { b in
                for i in 0..<batch.rows {
                    let row = UnsafeMutableBufferPointer(rebasing: y[(i * l)..<((i + 1) * l)])
                    activation.applyRow(row, bias: b, polynomial: poly)
                }
            }
        }
    }

    @inline(__always)
    func applyRow(_ row: UnsafeMutableBufferPointer<Float>, bias b: UnsafeBufferPointer<Float>, polynomial: [Float]) {
        let l = row.count
        switch self {
        case .identity:
            for j in 0..<l { row[j] += b[j] }
        case .relu:
            for j in 0..<l { row[j] = Swift.max(row[j] + b[j], 0) }
        case .gelu:
            let s: Float = 1 / Float(2).squareRoot()
            for j in 0..<l {
                let z = row[j] + b[j]
                row[j] = 0.5 * z * (1 + erff(z * s))
            }
        case .tanh: for j in 0..<l { row[j] = tanhf(row[j] + b[j]) }
        case .cos: for j in 0..<l { row[j] = cosf(row[j] + b[j]) }
        case .sin: for j in 0..<l { row[j] = sinf(row[j] + b[j]) }
        case .exp: for j in 0..<l { row[j] = expf(row[j] + b[j]) }
        case .polynomial:
            for j in 0..<l {
                let z = row[j] + b[j]
                var acc: Float = 0
                for a in polynomial.reversed() { acc = acc * z + a }
                row[j] = acc
            }
        }
    }
}
