import RandomFeatures
import RealModule
#if canImport(Glibc)
import Glibc
#endif

/// The element-wise halves of the random-feature layers' x towers, applied to a
/// projected batch Z = X Gᵀ (n × m) in one pass over contiguous rows: no per-row
/// allocation, and every per-row constant computed once in Double (ALGORITHMS.md §1,
/// Float traps). cos and sin are libm calls: on the development machine
/// `VectorMath.cos` (SIMD8<Double>) measured 5–7× slower than scalar `cosf` at
/// 262,144 entries, so it is not used here.
enum FeatureKernels {
    /// F = [s_p·cos(Z); s_p·sin(Z)] per row p (n × 2m): the real cos/sin
    /// re-parametrisation of the URF x tower (ALGORITHMS.md §5.6) at M = 0.
    static func cosSin<S: BLASScalar>(_ z: Matrix<S>, rowScales: [Double]) -> Matrix<S> {
        if let zf = z as? Matrix<Float> { return cosSinFloat(zf, rowScales: rowScales) as! Matrix<S> }
        return cosSinGeneric(z, rowScales: rowScales)
    }

    /// `cosSin` for Float batches: glibc `cosf` and `sinf` per entry.
    ///
    /// Measured on the development machine (262,144 entries, release): scalar `cosf`
    /// took 6.6 ms where `VectorMath.cos` on the same values as Double took 33 ms,
    /// so the Float path calls the C library rather than widening to Double lanes.
    static func cosSinFloat(_ z: Matrix<Float>, rowScales: [Double]) -> Matrix<Float> {
        precondition(rowScales.count == z.rows)
        let n = z.rows, m = z.columns, width = 2 * m
        var out = Matrix<Float>(rows: n, columns: width)
        z.storage.withUnsafeBufferPointer { zb in
            out.storage.withUnsafeMutableBufferPointer { ob in
                let zp = zb.baseAddress!, op = ob.baseAddress!
                for p in 0..<n {
                    let s = Float(rowScales[p])
                    let row = zp + p * m, outCos = op + p * width, outSin = outCos + m
                    for j in 0..<m {
                        outCos[j] = s * cosf(row[j])
                        outSin[j] = s * sinf(row[j])
                    }
                }
            }
        }
        return out
    }

    /// `cosSin` in any precision, one libm call per entry in Double.
    static func cosSinGeneric<S: BLASScalar>(_ z: Matrix<S>, rowScales: [Double]) -> Matrix<S> {
        precondition(rowScales.count == z.rows)
        let n = z.rows, m = z.columns, width = 2 * m
        var out = Matrix<S>(rows: n, columns: width)
        z.storage.withUnsafeBufferPointer { zb in
            out.storage.withUnsafeMutableBufferPointer { ob in
                for p in 0..<n {
                    let s = rowScales[p]
                    for j in 0..<m {
                        let t = zb[p * m + j].doubleValue
                        ob[p * width + j] = S(s * Double.cos(t))
                        ob[p * width + m + j] = S(s * Double.sin(t))
                    }
                }
            }
        }
        return out
    }

    /// Z ← exp(Z + o_p) in place, with the row offset o_p in Double: the positive
    /// (exp) URF x tower at M = 0, o_p = −‖x_p‖²/2 − log(m)/2 (§5.5).
    static func exponentiate<S: BLASScalar>(_ z: inout Matrix<S>, rowOffsets: [Double]) {
        precondition(rowOffsets.count == z.rows)
        let m = z.columns
        z.storage.withUnsafeMutableBufferPointer { zb in
            for p in 0..<z.rows {
                let o = rowOffsets[p]
                for j in (p * m)..<((p + 1) * m) { zb[j] = S(Double.exp(zb[j].doubleValue + o)) }
            }
        }
    }

    /// Z ← max(Z, 0)·scale in place: the ReLU-SNNK x tower (§5.7, c = 0).
    static func rectify<S: BLASScalar>(_ z: inout Matrix<S>, scale: S) {
        z.storage.withUnsafeMutableBufferPointer { zb in
            for j in zb.indices { zb[j] = max(zb[j], 0) * scale }
        }
    }

    /// Y ← Y + 1·βᵀ: the output bias added to every row in place.
    static func addRowVector<S: BLASScalar>(_ y: inout Matrix<S>, _ beta: [S]) {
        precondition(beta.count == y.columns)
        let l = y.columns
        y.storage.withUnsafeMutableBufferPointer { yb in
            beta.withUnsafeBufferPointer { bb in
                for p in 0..<y.rows {
                    for j in 0..<l { yb[p * l + j] += bb[j] }
                }
            }
        }
    }

    /// ‖x_p‖² of every row, accumulated in Double.
    static func rowSquaredNorms<S: BLASScalar>(_ x: Matrix<S>) -> [Double] {
        let d = x.columns
        return x.storage.withUnsafeBufferPointer { xb in
            (0..<x.rows).map { p in
                var s = 0.0
                for k in (p * d)..<((p + 1) * d) {
                    let v = xb[k].doubleValue
                    s += v * v
                }
                return s
            }
        }
    }

    /// Y = F Θᵀ (n × l) for F (n × D) and Θ (l × D): one GEMM.
    static func outputProduct<S: BLASScalar>(_ f: Matrix<S>, _ theta: Matrix<S>) -> Matrix<S> {
        f.multipliedByTranspose(of: theta)
    }
}
