/// Which feature map an SNNK layer puts on its inputs, chosen by the teacher's
/// activation (ALGORITHMS.md §5.6, §5.7, §6.1; [SNNK]).
///
/// | family | x tower φ(x) (m' columns)                                   | Ψ(W) initialisation            |
/// |--------|--------------------------------------------------------------|--------------------------------|
/// | `cos`  | e^{‖x‖²/2} m^{−1/2} [cos Gx; sin Gx]  (m' = 2m)              | URF w tower, unbiased for cos  |
/// | `sin`  | the same as `cos`                                            | URF w tower, unbiased for sin  |
/// | `exp`  | m^{−1/2} exp(Gx − ‖x‖²/2)             (m' = m)               | positive features, unbiased    |
/// | `relu` | m^{−1/2} max(G̃x̃, 0), x̃ = [x; 1]      (m' = m)               | max(G̃ w̃, 0)/√m, w̃ = [w; b]   |
///
/// ReLU-SNNK runs on bias-augmented vectors (G̃ = [G | g₀]) so that its features
/// max(g·x + g₀, 0) have random offsets: without them every feature is positively
/// homogeneous in x and no fit can place the teacher's kink at w·x = −b.
/// M = 0 throughout (LayerFitRequest carries no M). The ReLU-SNNK pair estimates the
/// order-1 arc-cosine kernel, not ReLU(w·x + b), so its initialisation is the
/// uptraining start of the SNNK code, not an unbiased estimate; ReLU-SNNK features
/// also serve gelu and tanh teachers, for which only the closed-form fit exists.
public enum SNNKFeatureFamily: String, Sendable, Codable, CaseIterable {
    case cos, sin, exp, relu

    /// The activations an SNNK layer accepts, as listed in errors.
    public static let acceptedActivations: [Activation] = [.cos, .sin, .exp, .relu, .gelu, .tanh]

    /// The family for a teacher activation; identity and polynomial teachers are
    /// refused (an EUGen layer represents them exactly in expectation).
    public init(activation: Activation) throws {
        switch activation {
        case .cos: self = .cos
        case .sin: self = .sin
        case .exp: self = .exp
        case .relu, .gelu, .tanh: self = .relu
        case .identity, .polynomial:
            throw LayerError("--activation \(activation.rawValue) is not supported by kind snnk; accepted: \(Self.acceptedActivations.map(\.rawValue).joined(separator: ", ")) (use --kind eugen for polynomial activations)")
        }
    }

    /// m': the number of feature columns for m random rows.
    public func width(features m: Int) -> Int {
        switch self {
        case .cos, .sin: return 2 * m
        case .exp, .relu: return m
        }
    }
}
