import _TrigonometricKernels

/// `DoubleCosSin`'s row kernels compiled for AVX512 (this target alone has the flags); call them
/// only when RandomFeatures' `HadamardInstructionSet.available` contains .avx512.
package enum DoubleCosSinAVX512 {
    package static func writeRows(_ z: UnsafePointer<Double>, columns m: Int, rows: Range<Int>,
                                  into out: UnsafeMutablePointer<Double>, width: Int, sinColumn: Int,
                                  scale: Double, rowScales: UnsafePointer<Double>?, offsets: UnsafePointer<Double>?) {
        DoubleCosSin.writeRows(z, columns: m, rows: rows, into: out, width: width, sinColumn: sinColumn,
                               scale: scale, rowScales: rowScales, offsets: offsets)
    }

    package static func rowMeansOfCos(_ z: UnsafePointer<Double>, columns m: Int, rows: Range<Int>,
                                      into means: UnsafeMutablePointer<Double>) {
        DoubleCosSin.rowMeansOfCos(z, columns: m, rows: rows, into: means)
    }

    package static func rowPrefixMeansOfCos(_ z: UnsafePointer<Double>, columns m: Int, prefixes: UnsafeBufferPointer<Int>,
                                            rows: Range<Int>, into means: UnsafeMutablePointer<Double>) {
        DoubleCosSin.rowPrefixMeansOfCos(z, columns: m, prefixes: prefixes, rows: rows, into: means)
    }
}
