import RandomFeatures

/// In-place Θ(t)·s (order 0) or max(t, 0)·s (order 1) over a feature matrix, on bit
/// patterns so that the loop is branch-free (a compare-and-branch per entry mispredicts
/// half the time on projections, whose signs are random):
///
///     r = bits & ~(bits >> (w−1))          (arithmetic shift: negatives, −0 included, become +0)
///     positive = (0 − r) >> (w−1)          (all ones exactly when r > 0)
///     order 0:  bits(s) & positive         order 1:  float(r) · s
enum RectifiedColumns {
    static func apply<S: BLASScalar>(_ z: inout Matrix<S>, order: Int, scale: Double) {
        z.storage.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            if S.self == Float.self {
                let p = UnsafeMutableRawPointer(base).assumingMemoryBound(to: Int32.self)
                let s = Float(scale), sBits = Int32(bitPattern: Float(scale).bitPattern)
                for i in 0..<buffer.count {
                    let bits = p[i]
                    let r = bits & ~(bits >> 31)
                    if order == 0 {
                        p[i] = sBits & ((0 &- r) >> 31)
                    } else {
                        p[i] = Int32(bitPattern: (Float(bitPattern: UInt32(bitPattern: r)) * s).bitPattern)
                    }
                }
            } else {
                let p = UnsafeMutableRawPointer(base).assumingMemoryBound(to: Int64.self)
                let sBits = Int64(bitPattern: scale.bitPattern)
                for i in 0..<buffer.count {
                    let bits = p[i]
                    let r = bits & ~(bits >> 63)
                    if order == 0 {
                        p[i] = sBits & ((0 &- r) >> 63)
                    } else {
                        p[i] = Int64(bitPattern: (Double(bitPattern: UInt64(bitPattern: r)) * scale).bitPattern)
                    }
                }
            }
        }
    }
}
