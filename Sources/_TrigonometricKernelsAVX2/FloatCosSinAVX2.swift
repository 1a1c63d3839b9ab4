import _TrigonometricKernels

/// `FloatCosSin.writeRows` compiled for AVX2 (this target alone has the flags); call it only
/// when RandomFeatures' `HadamardInstructionSet.available` contains .avx2.
package enum FloatCosSinAVX2 {
    package static func writeRows(_ z: UnsafePointer<Float>, columns m: Int, rows: Range<Int>,
                                  into out: UnsafeMutablePointer<Float>, width: Int, sinColumn: Int,
                                  scale: Double, rowScales: UnsafePointer<Double>?, offsets: UnsafePointer<Float>?) {
        FloatCosSin.writeRows(z, columns: m, rows: rows, into: out, width: width, sinColumn: sinColumn,
                              scale: scale, rowScales: rowScales, offsets: offsets)
    }
}
