import RandomFeatures

/// The rows g₁…g_m that both towers of a URF map share (ALGORITHMS.md §5.6:
/// "the x-tower and the w-tower must use the same G"), with ‖gⱼ‖² where M ≠ 0
/// needs it.
///
/// G is drawn from `stream.child(0)` only, so it does not depend on M, on the
/// side, or on anything else the estimator draws (e.g. URF frequencies from
/// `stream.child(1)`): fitting the same stream twice gives the same G.
struct SharedGaussianRows: Sendable {
    let projection: any Projection
    /// ‖gⱼ‖², j = 1…m (empty unless requested).
    let rowSquaredNorms: [Double]

    var count: Int { projection.rowCount }
    var dimension: Int { projection.inputDimension }

    init(kind: ProjectionKind, rows m: Int, dimension d: Int, stream: RandomStream, needsNorms: Bool) throws {
        projection = try kind.draw(rowCount: m, inputDimension: d, options: ProjectionOptions(), stream: stream.child(0))
        rowSquaredNorms = needsNorms ? FeatureRowMath.rowSquaredNorms(projection.dense()) : []
    }

    /// Rows drawn by the caller (a layer that chose its own projection, e.g. SORF).
    init(projection: any Projection, needsNorms: Bool) {
        self.projection = projection
        rowSquaredNorms = needsNorms ? FeatureRowMath.rowSquaredNorms(projection.dense()) : []
    }
}
