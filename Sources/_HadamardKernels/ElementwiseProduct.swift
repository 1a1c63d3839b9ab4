/// t[i] = x[i] · d[i] for i < count (t may be x): the sign flips and diagonal scalings
/// between the transforms of the structured projections. Each output is one product, so
/// every vector width gives the same bits. `@inlinable` and always inlined so that the
/// instruction-set targets compile it with their own registers.
public enum ElementwiseProduct {
    @inlinable @inline(__always)
    public static func multiply(_ x: UnsafePointer<Float>, _ d: UnsafePointer<Float>,
                                into t: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 16 <= count {
            let a = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD16<Float>.self)
            let b = UnsafeRawPointer(d + i).loadUnaligned(as: SIMD16<Float>.self)
            UnsafeMutableRawPointer(t + i).storeBytes(of: a * b, as: SIMD16<Float>.self)
            i += 16
        }
        while i < count {
            t[i] = x[i] * d[i]
            i += 1
        }
    }

    @inlinable @inline(__always)
    public static func multiply(_ x: UnsafePointer<Double>, _ d: UnsafePointer<Double>,
                                into t: UnsafeMutablePointer<Double>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let a = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Double>.self)
            let b = UnsafeRawPointer(d + i).loadUnaligned(as: SIMD8<Double>.self)
            UnsafeMutableRawPointer(t + i).storeBytes(of: a * b, as: SIMD8<Double>.self)
            i += 8
        }
        while i < count {
            t[i] = x[i] * d[i]
            i += 1
        }
    }
}
