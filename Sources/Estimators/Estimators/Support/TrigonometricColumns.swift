import RandomFeatures

/// The cos/sin columns of the trigonometric feature maps, written in blocks of
/// eight with `VectorMath.cosSin` (Cody–Waite reduction, Cephes polynomials, in
/// Double lanes for Float and Double batches alike):
///
///     out[p, cosColumn + j] = sₚ · cos(z[p, j] + βⱼ)
///     out[p, sinColumn + j] = sₚ · sin(z[p, j] + βⱼ)        (when `sinColumn` is given)
///
/// with sₚ = `scale` · `rowScales[p]` (rowScales defaults to 1) and βⱼ = `offsets[j]` (default 0).
/// Arguments beyond VectorMath's reduction range fall back to the library call.
enum TrigonometricColumns {
    static func write<S: BLASScalar>(_ z: Matrix<S>, scale: Double, rowScales: [Double]? = nil, offsets: [Double]? = nil,
                                     into out: inout Matrix<S>, cosColumn: Int, sinColumn: Int?) {
        let m = z.columns, width = out.columns
        precondition(out.rows == z.rows && cosColumn + m <= width && (sinColumn.map { $0 + m <= width } ?? true))
        precondition(offsets.map { $0.count == m } ?? true)
        z.storage.withUnsafeBufferPointer { zb in
            out.storage.withUnsafeMutableBufferPointer { ob in
                for p in 0..<z.rows {
                    let s = scale * (rowScales?[p] ?? 1)
                    let row = p * m, outRow = p * width
                    var j = 0
                    while j < m {
                        let valid = min(8, m - j)
                        var v = SIMD8<Double>()
                        for k in 0..<valid { v[k] = zb[row + j + k].doubleValue }
                        if let offsets { for k in 0..<valid { v[k] += offsets[j + k] } }
                        var c = SIMD8<Double>(), sn = SIMD8<Double>()
                        if v.max() < VectorMath.reductionRange && v.min() > -VectorMath.reductionRange {
                            (c, sn) = VectorMath.cosSin(v)
                        } else {
                            for k in 0..<valid {
                                c[k] = Double.cos(v[k])
                                sn[k] = Double.sin(v[k])
                            }
                        }
                        c *= s
                        sn *= s
                        for k in 0..<valid { ob[outRow + cosColumn + j + k] = S(c[k]) }
                        if let sinColumn { for k in 0..<valid { ob[outRow + sinColumn + j + k] = S(sn[k]) } }
                        j += 8
                    }
                }
            }
        }
    }
}
