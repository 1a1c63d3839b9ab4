import RandomFeatures

extension LayerFitRequest {
    /// The teacher's pre-activations Z = X Wᵀ + b on `inputs` (n × d_out), in Double.
    ///
    /// The structured layers (prp, dyad, lowrank, acdc) are y = f(L(x) + b) with L
    /// linear and the teacher's own f, so they fit Z, which is linear in their
    /// free weights; f is then applied unchanged (no inversion of f is needed,
    /// for any activation).
    public func teacherPreActivations(on inputs: Matrix<Double>) -> Matrix<Double> {
        var z = inputs.multipliedByTranspose(of: teacherWeights)
        let l = z.columns
        for i in 0..<z.rows {
            for j in 0..<l { z.storage[i * l + j] += teacherBias[j] }
        }
        return z
    }

    /// The calibration inputs in Float (as the fast forward pass sees them).
    public var calibrationFloat: Matrix<Float> { calibration.converted() }

    /// A positive integer hyper-parameter, or a one-line error naming its flag.
    func required(_ value: Int?, flag: String, kind: String, range: ClosedRange<Int>) throws -> Int {
        guard let value else { throw LayerError("--\(flag) is required for --kind \(kind)") }
        guard range.contains(value) else {
            throw LayerError("--\(flag) must be from \(range.lowerBound) to \(range.upperBound) for --kind \(kind); got \(value)")
        }
        return value
    }
}
