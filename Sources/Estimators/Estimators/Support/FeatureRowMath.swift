import RandomFeatures

/// Small row-wise reductions and conversions the feature maps share.
enum FeatureRowMath {
    /// ⟨aₚ, bₚ⟩ for every row p, accumulated in Double.
    static func rowDots<S: BLASScalar>(_ a: Matrix<S>, _ b: Matrix<S>) -> [Double] {
        precondition(a.rows == b.rows && a.columns == b.columns)
        let w = a.columns
        return (0..<a.rows).map { p in
            var s = 0.0
            for k in 0..<w { s += a.storage[p * w + k].doubleValue * b.storage[p * w + k].doubleValue }
            return s
        }
    }

    /// ‖rowₚ‖² for every row, in Double.
    static func rowSquaredNorms<S: BLASScalar>(_ a: Matrix<S>) -> [Double] {
        let w = a.columns
        return (0..<a.rows).map { p in
            var s = 0.0
            for k in 0..<w {
                let v = a.storage[p * w + k].doubleValue
                s += v * v
            }
            return s
        }
    }

    /// Z = X Wᵀ in the batch's own precision (the projection serves both).
    static func project<S: BLASScalar>(_ projection: any Projection, _ batch: Matrix<S>) -> Matrix<S> {
        if let b = batch as? Matrix<Double> { return projection.apply(b) as! Matrix<S> }
        if let b = batch as? Matrix<Float> { return projection.apply(b) as! Matrix<S> }
        preconditionFailure("unsupported scalar \(S.self)")
    }

    /// Appends `count` columns to every row: [x, v(p, 0), …, v(p, count−1)], without
    /// allocating per row.
    static func appendingColumns<S: BLASScalar>(_ batch: Matrix<S>, count extra: Int, _ value: (_ row: Int, _ column: Int) -> S) -> Matrix<S> {
        let w = batch.columns + extra
        var out = Matrix<S>(rows: batch.rows, columns: w)
        for p in 0..<batch.rows {
            for k in 0..<batch.columns { out.storage[p * w + k] = batch.storage[p * batch.columns + k] }
            for k in 0..<extra { out.storage[p * w + batch.columns + k] = value(p, k) }
        }
        return out
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func squaredNorm(_ a: [Double]) -> Double { dot(a, a) }

    /// Σᵣ aᵣ² bᵣ²: the fourth-moment correction of Rademacher rows (§2.6).
    static func squaredProductSum(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * a[i] * b[i] * b[i] }
        return s
    }
}

/// Checks shared by every estimator of this family of files.
enum EstimatorChecks {
    /// Refuses a projection outside `valid`, listing the valid ones.
    static func requireProjection(_ kind: ProjectionKind, in valid: [ProjectionKind], estimator: String, kernel: String) throws {
        guard valid.contains(kind) else {
            throw EstimatorError("projection '\(kind.rawValue)' is not meaningful for \(kernel)/\(estimator); valid projections: \(valid.map(\.rawValue).joined(separator: ", "))")
        }
    }

    static func requireFeatures(_ m: Int) throws {
        guard m >= 1 else { throw EstimatorError("--features must be at least 1; got \(m)") }
    }

    static func requireSameLength(_ x: [Double], _ y: [Double]) throws {
        guard x.count == y.count else {
            throw EstimatorError("x and y have different lengths (\(x.count) and \(y.count))")
        }
        guard !x.isEmpty else { throw EstimatorError("x and y must have at least one coordinate") }
    }

    /// A fixed, finite M ≥ 0 from `--urf-m`, or a refusal for `optimal` where
    /// one value must serve every pair (feature maps).
    static func fixedURFM(_ parameter: KernelParameters.URFParameter) throws -> Double {
        switch parameter {
        case .value(let m): return m
        case .optimal:
            throw EstimatorError("--urf-m optimal depends on the pair (x, y), but a feature map needs one value for all rows; give --urf-m as a number >= 0")
        }
    }

    static func validateURFM(_ parameter: KernelParameters.URFParameter) throws {
        if case .value(let m) = parameter, !(m.isFinite && m >= 0) {
            throw EstimatorError("--urf-m must be a number >= 0 or 'optimal'; got \(m)")
        }
    }
}
