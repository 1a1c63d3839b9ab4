import RandomFeatures

/// One dense layer of a teacher network: h ↦ f(W h + b).
public struct TeacherLayer: Sendable {
    /// W, d_out × d_in (`out × in`).
    public var weights: Matrix<Double>
    /// b, d_out entries.
    public var bias: [Double]
    public var activation: Activation
    public var polynomialCoefficients: [Double]

    public init(weights: Matrix<Double>, bias: [Double]? = nil, activation: Activation, polynomialCoefficients: [Double] = []) {
        self.weights = weights
        self.bias = bias ?? [Double](repeating: 0, count: weights.rows)
        self.activation = activation
        self.polynomialCoefficients = polynomialCoefficients
    }

    /// f(H Wᵀ + b) in Double.
    public func apply(_ h: Matrix<Double>) -> Matrix<Double> {
        LayerFitRequest(teacherWeights: weights, teacherBias: bias, activation: activation,
                        polynomialCoefficients: polynomialCoefficients, calibration: Matrix(rows: 0, columns: weights.columns))
            .teacherOutputs(on: h)
    }
}
