import _RandomKernels

/// The Philox kernel compiled for AVX512 (this target alone has the flags); call it only
/// when RandomFeatures' `HadamardInstructionSet.available` contains .avx512.
package enum RandomKernelsAVX512 {
    package static func philoxBlocks(
        _ out: UnsafeMutablePointer<UInt64>, count: Int, firstBlock: UInt64, streamID: UInt64, key: (UInt32, UInt32)
    ) {
        PhiloxBlocks.write(out, count: count, firstBlock: firstBlock, streamID: streamID, key: key)
    }
}
