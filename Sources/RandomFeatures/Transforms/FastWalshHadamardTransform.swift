/// The fast Walsh–Hadamard transform, in place, natural (Hadamard) order.
///
///     H₁ = [1],  H₂ₙ = [[Hₙ, Hₙ], [Hₙ, −Hₙ]],   (Hₙ)ᵢⱼ = (−1)^popcount(i & j)
///     HH = n·I;  the normalised Ĥ = H/√n is orthogonal and involutory.
///
/// Reference: Andoni et al., "Practical and Optimal LSH for Angular Distance"
/// (NIPS 2015), whose FFHT library is the speed bar (ALGORITHMS.md §3).
///
/// The length is given as `log2Count`, so it is a power of two by construction.
/// `Float` and `Double` run hand-vectorised, cache-blocked kernels (target
/// `_HadamardKernels`), compiled for AVX-512, AVX2 and portable SIMD and chosen at run
/// time (`HadamardInstructionSet`); buffers need no alignment.
/// Every output is the same sequence of additions as the textbook butterfly
/// network, grouped differently, so results do not depend on the buffer address
/// or on how batch rows are shared between threads.
///
/// - Complexity: O(n log n) additions, n = 2^log2Count.
public enum FastWalshHadamardTransform {
    /// The largest `log2Count` accepted (2^32 scalars); tested up to 2^24.
    public static let maxLog2Count = 32

    /// Transforms `values` (length 2^log2Count) in place; `normalized` multiplies by 1/√n.
    ///
    /// - Parameters:
    ///   - values: exactly 2^log2Count entries.
    ///   - log2Count: 0 ≤ log2Count ≤ `maxLog2Count`.
    ///   - normalized: false (default) gives H·x, true gives Ĥ·x = H·x/√n.
    @inlinable
    public static func transform<S: BLASScalar>(_ values: inout [S], log2Count: Int, normalized: Bool = false) {
        precondition((0...maxLog2Count).contains(log2Count), "log2Count must be in 0...\(maxLog2Count)")
        precondition(values.count == 1 << log2Count, "length must be 2^log2Count")
        values.withUnsafeMutableBufferPointer { buffer in
            transform(buffer.baseAddress!, log2Count: log2Count, normalized: normalized)
        }
    }

    /// Transforms the 2^log2Count values at `pointer` in place (any alignment).
    @inlinable
    public static func transform<S: BLASScalar>(
        _ pointer: UnsafeMutablePointer<S>, log2Count: Int, normalized: Bool = false
    ) {
        precondition((0...maxLog2Count).contains(log2Count), "log2Count must be in 0...\(maxLog2Count)")
        if S.self == Float.self {
            _transformFloat(
                UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Float.self),
                log2Count: log2Count, normalized: normalized)
        } else if S.self == Double.self {
            _transformDouble(
                UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Double.self),
                log2Count: log2Count, normalized: normalized)
        } else {
            _transformScalar(pointer, log2Count: log2Count, normalized: normalized)
        }
    }
}
