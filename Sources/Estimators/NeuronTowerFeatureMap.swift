import RandomFeatures

/// A fitted activation-kernel feature map that can replace a whole dense layer
/// y = f(Wx + b) (ALGORITHMS.md §6.1, [SNNK]; §6.3, [EUG]): its w tower, run on
/// all l neurons at once with one bias per neuron, gives the rows of Ψ(W), and
/// its x tower is shared by every neuron:
///
///     f(w_r·x + b_r) ≈ ⟨φ(x), ψ(w_r, b_r)⟩,   Ψ(W) = [ψ(w₁, b₁); …; ψ(w_l, b_l)]   (l × outputWidth)
///
/// so the layer's output is Ψ(W) φ(x). The map's own scalar bias parameter is
/// ignored by `weightTower`: each neuron brings its own.
public protocol NeuronTowerFeatureMap: FittedFeatureMap {
    /// Every random matrix the map applies, in a fixed order (a layer applies
    /// them itself on its fast path; they are regenerated from the seed).
    var projections: [any Projection] { get }
    /// Ψ(W): row r is the w tower ψ(w_r, b_r) of neuron r.
    ///
    /// - Parameters:
    ///   - weights: W, l × d (one neuron a row).
    ///   - biases: b, l entries.
    func weightTower(_ weights: Matrix<Double>, biases: [Double]) throws -> Matrix<Double>
}

extension FittedFeatureMap {
    /// Throws unless `weights` has `inputDimension` columns and one bias per row.
    func checkNeurons(_ weights: Matrix<Double>, biases: [Double]) throws {
        try checkInput(weights)
        guard biases.count == weights.rows else {
            throw EstimatorError("\(weights.rows) neurons but \(biases.count) biases")
        }
        if let bad = biases.first(where: { !$0.isFinite }) {
            throw EstimatorError("neuron biases must be finite; got \(bad)")
        }
    }
}
