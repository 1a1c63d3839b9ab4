import RandomFeatures

/// The fixed random matrices of the random-feature layers: drawn from the layer's
/// seed on construction and on reload, never stored (they cost no bytes).
enum RandomFeatureProjection {
    /// The projections a random-feature layer accepts (ALGORITHMS.md §2.1–2.3).
    static let accepted: [ProjectionKind] = [.iid, .orthogonal, .sorf]

    static func requireAccepted(_ kind: ProjectionKind, layer: String) throws {
        guard accepted.contains(kind) else {
            throw LayerError("--projection '\(kind.rawValue)' is not available for \(layer); accepted: \(accepted.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Options of the draw: SORF with χ row norms (§2.3: removes the fixed-norm bias
    /// of URF features, and keeps E[g gᵀ] = I for EUGen); defaults otherwise.
    static func options(for kind: ProjectionKind) -> ProjectionOptions {
        kind == .sorf ? ProjectionOptions(rowNorms: .chi) : ProjectionOptions()
    }

    /// Z = X Gᵀ in the batch's own precision.
    static func apply<S: BLASScalar>(_ g: any Projection, _ x: Matrix<S>) -> Matrix<S> {
        if let xf = x as? Matrix<Float> { return g.apply(xf) as! Matrix<S> }
        if let xd = x as? Matrix<Double> { return g.apply(xd) as! Matrix<S> }
        preconditionFailure("unsupported scalar \(S.self)")
    }

    /// Multiply-adds per input of applying an m × d projection of `kind`:
    /// m·d for a dense G (iid, orthogonal); for SORF, B = ⌈m/p⌉ blocks of three
    /// HD stages on the padded length p, each p sign flips plus (p/2)·log₂p
    /// butterflies (one multiply-add each, as `LinearLayer` counts), plus m row scalings.
    static func multiplyAdds(kind: ProjectionKind, rows m: Int, dimension d: Int) -> Int {
        switch kind {
        case .sorf:
            var log2p = 0
            while (1 << log2p) < d { log2p += 1 }
            let p = 1 << log2p
            let blocks = (m + p - 1) / p
            return blocks * 3 * (p + p / 2 * log2p) + m
        default:
            return m * d
        }
    }
}
