/// The fast Walsh–Hadamard transform, in place, natural (Hadamard) order.
///
///     H₁ = [1],  H₂ₙ = [[Hₙ, Hₙ], [Hₙ, −Hₙ]],   (Hₙ)ᵢⱼ = (−1)^popcount(i & j)
///     HH = n·I;  the normalised Ĥ = H/√n is orthogonal and involutory.
///
/// Reference: Andoni et al., "Practical and Optimal LSH for Angular Distance"
/// (NIPS 2015), whose FFHT library is the speed bar (ALGORITHMS.md §3).
///
/// The length is given as `log2Count`, so it is a power of two by construction.
/// - Complexity: O(n log n) additions.
public enum FastWalshHadamardTransform {
    /// Transforms `values` (length 2^log2Count) in place; `normalized` divides by √n.
    @inlinable
    public static func transform<S: BLASScalar>(_ values: inout [S], log2Count: Int, normalized: Bool = false) {
        precondition(values.count == 1 << log2Count, "length must be 2^log2Count")
        values.withUnsafeMutableBufferPointer { buffer in
            transform(buffer.baseAddress!, log2Count: log2Count, normalized: normalized)
        }
    }

    /// Transforms the `1 << log2Count` values at `pointer` in place.
    @inlinable
    public static func transform<S: BLASScalar>(_ pointer: UnsafeMutablePointer<S>, log2Count: Int, normalized: Bool = false) {
        let n = 1 << log2Count
        var h = 1
        while h < n {
            var i = 0
            while i < n {
                for j in i..<(i + h) {
                    let a = pointer[j], b = pointer[j + h]
                    pointer[j] = a + b
                    pointer[j + h] = a - b
                }
                i += 2 * h
            }
            h *= 2
        }
        if normalized {
            let scale = 1 / S(n).squareRoot()
            for i in 0..<n { pointer[i] *= scale }
        }
    }

    /// Transforms every row of a batch (`rows × 2^log2Count`, row-major) in place.
    @inlinable
    public static func transformRows<S: BLASScalar>(_ batch: inout Matrix<S>, log2Count: Int, normalized: Bool = false) {
        precondition(batch.columns == 1 << log2Count, "row length must be 2^log2Count")
        let n = batch.columns
        batch.storage.withUnsafeMutableBufferPointer { buffer in
            for r in 0..<batch.rows {
                transform(buffer.baseAddress! + r * n, log2Count: log2Count, normalized: normalized)
            }
        }
    }
}
