import Layers
import RandomFeatures

/// Small fixtures shared by the random-feature layer tests.
enum LayerFixtures {
    /// An n × d matrix of N(0, s²) entries from `seed`.
    static func gaussian(rows n: Int, columns d: Int, scale s: Double = 1, seed: UInt64) -> Matrix<Double> {
        var g = RandomStream(seed: seed)
        return Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in s * Sampling.normal(using: &g) })
    }

    /// b ~ N(0, s²), l entries.
    static func bias(_ l: Int, scale s: Double, seed: UInt64) -> [Double] {
        gaussian(rows: 1, columns: l, scale: s, seed: seed).storage
    }

    /// Y = F Θᵀ + β computed naively in Double (the materialised dense computation).
    static func naiveOutput(features f: Matrix<Double>, weights: Matrix<Float>, bias: [Float]) -> Matrix<Double> {
        precondition(f.columns == weights.columns)
        var y = Matrix<Double>(rows: f.rows, columns: weights.rows)
        for p in 0..<f.rows {
            for r in 0..<weights.rows {
                var s = Double(bias[r])
                for k in 0..<f.columns { s += f[p, k] * Double(weights[r, k]) }
                y[p, r] = s
            }
        }
        return y
    }

    /// ‖A − B‖_F / ‖B‖_F.
    static func relativeError<A: BLASScalar, B: BLASScalar>(_ a: Matrix<A>, _ b: Matrix<B>) -> Double {
        precondition(a.rows == b.rows && a.columns == b.columns)
        var num = 0.0, den = 0.0
        for k in a.storage.indices {
            let e = a.storage[k].doubleValue - b.storage[k].doubleValue
            num += e * e
            den += b.storage[k].doubleValue * b.storage[k].doubleValue
        }
        return (num / den).squareRoot()
    }

    /// The least-squares solution of the ridge normal equations (FᵀF + λI)Θ = FᵀY,
    /// by Cholesky in Double: an independent route to the closed-form fit.
    static func normalEquations(features f: Matrix<Double>, targets y: Matrix<Double>, ridge: Double) -> Matrix<Double> {
        let n = f.rows, d = f.columns, l = y.columns
        var a = [Double](repeating: 0, count: d * d)
        var b = [Double](repeating: 0, count: d * l)
        for i in 0..<d {
            for j in 0..<d {
                var s = i == j ? ridge : 0
                for p in 0..<n { s += f[p, i] * f[p, j] }
                a[i * d + j] = s
            }
            for c in 0..<l {
                var s = 0.0
                for p in 0..<n { s += f[p, i] * y[p, c] }
                b[i * l + c] = s
            }
        }
        // A = L Lᵀ, in place in the lower triangle.
        for j in 0..<d {
            var s = a[j * d + j]
            for k in 0..<j { s -= a[j * d + k] * a[j * d + k] }
            a[j * d + j] = s.squareRoot()
            for i in (j + 1)..<max(d, j + 1) {
                var t = a[i * d + j]
                for k in 0..<j { t -= a[i * d + k] * a[j * d + k] }
                a[i * d + j] = t / a[j * d + j]
            }
        }
        var theta = Matrix<Double>(rows: d, columns: l)
        for c in 0..<l {
            var z = [Double](repeating: 0, count: d)
            for i in 0..<d {
                var s = b[i * l + c]
                for k in 0..<i { s -= a[i * d + k] * z[k] }
                z[i] = s / a[i * d + i]
            }
            for i in stride(from: d - 1, through: 0, by: -1) {
                var s = z[i]
                for k in (i + 1)..<max(d, i + 1) { s -= a[k * d + i] * theta[k, c] }
                theta[i, c] = s / a[i * d + i]
            }
        }
        return theta
    }
}
