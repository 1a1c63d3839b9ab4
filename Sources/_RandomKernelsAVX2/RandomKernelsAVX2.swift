import _RandomKernels

/// The random-number kernels compiled for AVX2 (this target alone has the flags); call them
/// only when RandomFeatures' `HadamardInstructionSet.available` contains .avx2.
package enum RandomKernelsAVX2 {
    package static func philoxBlocks(
        _ out: UnsafeMutablePointer<UInt64>, count: Int, firstBlock: UInt64, streamID: UInt64, key: (UInt32, UInt32)
    ) {
        PhiloxBlocks.write(out, count: count, firstBlock: firstBlock, streamID: streamID, key: key)
    }

    package static func zigguratAcceptLeading(
        _ words: UnsafePointer<UInt64>, count: Int, edges: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>
    ) -> Int {
        ZigguratRectangles.acceptLeading(words, count: count, edges: edges, into: out)
    }
}
