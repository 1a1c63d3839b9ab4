import _RandomKernels
import _RandomKernelsAVX2
import _RandomKernelsAVX512

// MARK: - Many normals from one stream, with words generated in bulk

extension Ziggurat {
    /// Fills `out` with standard normals: bit for bit the values of `sequentialFill(_:using:)`
    /// (and of `normal(using:)` once per entry), from the same words, leaving `g` in the same
    /// state, but faster:
    ///
    /// - the words come from a local buffer filled by `RandomStream.fill(words:)` (Philox in
    ///   SIMD registers), and `g` is advanced by the words actually used;
    /// - the common case runs 8 draws at a time (`ZigguratRectangles`); from the first draw
    ///   that needs the wedge or the tail, that draw runs the scalar slow path, which reads
    ///   the next words of the same sequence, and the vector loop resumes after it.
    public static func fill(_ out: UnsafeMutableBufferPointer<Double>, using g: inout RandomStream) {
        fill(out, using: &g, instructionSet: HadamardInstructionSet.best)
    }

    /// `fill(_:using:)` with given compiled kernels (Philox and rectangles), for benchmarks
    /// and tests; every kernel gives the same values.
    ///
    /// - Precondition: `set` is in `HadamardInstructionSet.available`.
    public static func fill(
        _ out: UnsafeMutableBufferPointer<Double>, using g: inout RandomStream, instructionSet set: HadamardInstructionSet
    ) {
        precondition(HadamardInstructionSet.available.contains(set), "\(set) is not available on this processor")
        guard let base = out.baseAddress, !out.isEmpty else { return }
        let n = out.count
        x.withUnsafeBufferPointer { xs in
            let edges = xs.baseAddress!
            RandomWordBuffer.read(from: &g, capacity: bufferCapacity, using: set) { words in
                var done = 0
                while done < n {
                    let remaining = n - done
                    if words.unreadCount < min(remaining, 8) {
                        // About 1% of draws take an extra word or two (wedge, tail, retry).
                        words.refill(toHold: remaining + remaining / 32 + 8)
                    }
                    let available = min(words.unreadCount, remaining)
                    let accepted = acceptLeading(words.unread, count: available, edges: edges, into: base + done, using: set)
                    words.advance(by: accepted)
                    done += accepted
                    if accepted < available {
                        // The slow path for the next word, as in normal(using:).
                        let bits = words.next()
                        let candidate = Double(bits >> 11) * 0x1p-53 * xs[Int(bits & 0xFF)]
                        base[done] = edgeOrTail(bits: bits, candidate: candidate, using: &words)
                            ?? normal(using: &words)
                        done += 1
                    }
                }
            }
        }
    }

    /// Words in the local buffer of `fill(_:using:)`: 4 KiB.
    static let bufferCapacity = 512

    /// `ZigguratRectangles.acceptLeading` with the kernel of `set`.
    @inline(__always)
    static func acceptLeading(
        _ words: UnsafePointer<UInt64>, count: Int, edges: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>,
        using set: HadamardInstructionSet
    ) -> Int {
        switch set {
        case .avx512: RandomKernelsAVX512.zigguratAcceptLeading(words, count: count, edges: edges, into: out)
        case .avx2: RandomKernelsAVX2.zigguratAcceptLeading(words, count: count, edges: edges, into: out)
        case .portable: ZigguratRectangles.acceptLeading(words, count: count, edges: edges, into: out)
        }
    }
}
