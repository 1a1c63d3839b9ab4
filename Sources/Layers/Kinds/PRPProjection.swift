import RandomFeatures

/// The fixed random matrix P ∈ R^{d_in × d_out} of a PRP layer (ALGORITHMS.md §6.4),
/// regenerated from its seed (never stored).
///
/// - `gaussian`: Pᵢₒ ~ N(0, 1/d_in) iid, so each column has expected squared norm 1.
/// - `orthogonal`: Q from the Haar-orthogonal N × N matrix (N = max(d_in, d_out),
///   QR of a Gaussian with the sign fix, `LAPACK.haarOrthogonal`), P = √(N/d_in)·Q[0..<d_in, 0..<d_out]:
///   orthonormal columns (d_out ≤ d_in) or rows, with entries of variance 1/d_in as above.
/// The review's "sparse ternary" scheme is not implemented: its stated parameters
/// are suspicious (§6.4) and unverified.
public enum PRPProjection: String, CaseIterable, Sendable, Codable {
    case gaussian, orthogonal

    /// P, d_in × d_out, in Double. Same seed, same matrix.
    public func matrix(inputDimension dIn: Int, outputDimension dOut: Int, seed: UInt64) throws -> Matrix<Double> {
        var stream = RandomStream(seed: seed).child(0x5052_5000)   // "PRP"
        switch self {
        case .gaussian:
            var p = [Double](repeating: 0, count: dIn * dOut)
            Sampling.fillNormal(&p, using: &stream)
            let s = 1 / Double(dIn).squareRoot()
            return Matrix(rows: dIn, columns: dOut, storage: p.map { $0 * s })
        case .orthogonal:
            let n = max(dIn, dOut)
            var g = [Double](repeating: 0, count: n * n)
            Sampling.fillNormal(&g, using: &stream)
            let q = try LAPACK.haarOrthogonal(fromGaussian: Matrix(rows: n, columns: n, storage: g))
            let s = (Double(n) / Double(dIn)).squareRoot()
            var p = Matrix<Double>(rows: dIn, columns: dOut)
            for i in 0..<dIn {
                for o in 0..<dOut { p.storage[i * dOut + o] = s * q.storage[i * n + o] }
            }
            return p
        }
    }
}

extension PRPProjection {
    /// `--projection iid` draws the Gaussian P, `--projection orthogonal` the orthogonal one.
    public init(_ kind: ProjectionKind) throws {
        switch kind {
        case .iid: self = .gaussian
        case .orthogonal: self = .orthogonal
        default: throw LayerError("--projection: prp accepts iid (Gaussian P) or orthogonal; got \(kind.rawValue)")
        }
    }

    public var projectionKind: ProjectionKind { self == .gaussian ? .iid : .orthogonal }
}
