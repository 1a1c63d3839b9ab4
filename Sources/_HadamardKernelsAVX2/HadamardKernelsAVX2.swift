import _HadamardKernels

/// The FWHT kernels specialised for AVX2 + FMA registers (8 Floats, 4 Doubles).
///
/// This target alone is compiled with `-mavx2 -mfma`; call it only when
/// `HadamardInstructionSet.avx2` is available (checked in RandomFeatures).
package enum HadamardKernelsAVX2 {
    package static func transform(_ pointer: UnsafeMutablePointer<Float>, log2Count: Int, normalized: Bool) {
        HadamardKernels<HadamardFloat8>.transform(pointer, log2Count: log2Count, normalized: normalized)
    }

    package static func transform(_ pointer: UnsafeMutablePointer<Double>, log2Count: Int, normalized: Bool) {
        HadamardKernels<HadamardDouble4>.transform(pointer, log2Count: log2Count, normalized: normalized)
    }

    package static func multiply(_ x: UnsafePointer<Float>, _ d: UnsafePointer<Float>,
                                 into t: UnsafeMutablePointer<Float>, count: Int) {
        ElementwiseProduct.multiply(x, d, into: t, count: count)
    }

    package static func multiply(_ x: UnsafePointer<Double>, _ d: UnsafePointer<Double>,
                                 into t: UnsafeMutablePointer<Double>, count: Int) {
        ElementwiseProduct.multiply(x, d, into: t, count: count)
    }
}
