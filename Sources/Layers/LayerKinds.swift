import RandomFeatures

/// One kind of layer as the command line names it: its type, the activations it
/// supports and a one-line summary.
public struct LayerKind: Sendable {
    public let name: String
    public let type: any FittableLayer.Type
    public let activations: [Activation]
    public let summary: String

    public init(name: String, type: any FittableLayer.Type, activations: [Activation] = Activation.allCases, summary: String) {
        self.name = name
        self.type = type
        self.activations = activations
        self.summary = summary
    }
}

/// The registry from kind name to layer type. Adding a kind is one line in `all`.
public enum LayerKinds {
    public static var all: [LayerKind] {
        [
            LayerKind(name: DenseLayer.kindName, type: DenseLayer.self, summary: "the teacher itself: sgemm + bias + f"),
            LayerKind(name: PRPLayer.kindName, type: PRPLayer.self, summary: "seeded P modulated by α, w (alternating closed-form fit)"),
            LayerKind(name: DYADLayer.kindName, type: DYADLayer.self, summary: "two block-diagonal terms with the stride permutation (--blocks k)"),
            LayerKind(name: LowRankLayer.kindName, type: LowRankLayer.self, summary: "truncated SVD, rank --rank, refitted output weights"),
            LayerKind(name: ACDCLayer.kindName, type: ACDCLayer.self, summary: "--blocks stacked A·DCT·D·IDCT layers (FFTW REDFT10/01)"),
            LayerKind(name: SNNKLayer.kindName, type: SNNKLayer.self, activations: SNNKFeatureFamily.acceptedActivations,
                      summary: "SNNK: Re(Ψ Φ(x)) over --features URF / ReLU-SNNK features, Ψ fitted in closed form"),
            LayerKind(name: EUGenLayer.kindName, type: EUGenLayer.self,
                      summary: "EUGen: W₀ + Σᵢ Wᵢ φᵢ(x), order --order on norm-augmented inputs, closed-form fit"),
            LayerKind(name: BundledSNNK.kindName, type: BundledSNNK.self, activations: SNNKFeatureFamily.acceptedActivations,
                      summary: "SNNK bundled network: --teacher W1,W2,... collapsed into one Θ over chained towers (--features m1,m2,...)"),
        ]
    }

    public static var names: [String] { all.map(\.name) }

    /// The kind named `name`, or a one-line error listing the valid kinds.
    public static func named(_ name: String, flag: String = "--kind") throws -> LayerKind {
        guard let kind = all.first(where: { $0.name == name }) else {
            throw LayerError("\(flag): unknown or unavailable kind '\(name)'; valid kinds: \(names.joined(separator: ", "))")
        }
        return kind
    }

    /// Fits a layer of kind `name` to `request`, after checking that the kind supports its activation.
    public static func fit(kind name: String, _ request: LayerFitRequest) throws -> any FittableLayer {
        let kind = try named(name)
        guard kind.activations.contains(request.activation) else {
            throw LayerError("--activation: kind \(name) does not support \(request.activation.rawValue); it supports \(kind.activations.map(\.rawValue).joined(separator: ", "))")
        }
        if request.activation == .polynomial && request.polynomialCoefficients.isEmpty {
            throw LayerError("--coefficients: the polynomial activation needs its coefficients a0,a1,...")
        }
        return try kind.type.fit(request)
    }

    /// Rebuilds a saved layer from its record and arrays.
    public static func load(record: LayerRecord, arrays: [String: Matrix<Float>]) throws -> any FittableLayer {
        let kind = try named(record.kind, flag: "layer file: kind")
        return try kind.type.init(record: record, arrays: arrays)
    }
}
