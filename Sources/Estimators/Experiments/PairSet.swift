import RandomFeatures

/// The P input pairs that a group of cells shares.
public struct PairSet: Sendable {
    public let design: PairDesign
    public let pairs: PairBatch

    public var count: Int { pairs.count }
    public var dimension: Int { pairs.dimension }

    public init(design: PairDesign, pairs: PairBatch) {
        self.design = design
        self.pairs = pairs
    }

    /// Draws P pairs of dimension d. Pair p comes from its own child stream
    /// `stream.child(p)`, so the first pairs do not change when P grows.
    public static func draw(design: PairDesign, dimension d: Int, count: Int, stream: RandomStream) -> PairSet {
        precondition(d >= 1 && count >= 1)
        if case .uniformCross = design { return drawUniformCross(dimension: d, count: count, stream: stream) }
        var x = Matrix<Double>(rows: count, columns: d)
        var y = Matrix<Double>(rows: count, columns: d)
        let scale = 1 / Double(d).squareRoot()
        for p in 0..<count {
            var g = stream.child(UInt64(p))
            switch design {
            case .shiftInvariant(let sigma):
                let z = shiftInvariantDistance(pair: p)
                let u = unitVector(dimension: d, using: &g)
                for j in 0..<d {
                    let xj = Sampling.normal(using: &g) * scale
                    x[p, j] = xj
                    y[p, j] = xj + z * sigma * u[j]
                }
            case .sphere(let r):
                let a = unitVector(dimension: d, using: &g)
                let b = unitVector(dimension: d, using: &g)
                for j in 0..<d {
                    x[p, j] = r * a[j]
                    y[p, j] = r * b[j]
                }
            case .gaussian:
                for j in 0..<d { x[p, j] = Sampling.normal(using: &g) * scale }
                for j in 0..<d { y[p, j] = Sampling.normal(using: &g) * scale }
            case .uniform:
                for j in 0..<d { x[p, j] = Sampling.uniform(using: &g) }
                for j in 0..<d { y[p, j] = Sampling.uniform(using: &g) }
            case .sphereAngles(let r):
                let cosine = count == 1 ? 1 : -1 + 2 * Double(p) / Double(count - 1)
                let sine = max(0, 1 - cosine * cosine).squareRoot()
                let (a, u) = orthonormalPair(dimension: d, using: &g)
                for j in 0..<d {
                    x[p, j] = r * a[j]
                    y[p, j] = r * (cosine * a[j] + sine * u[j])
                }
            case .uniformCross:
                preconditionFailure("drawn by drawUniformCross")
            case .data:
                preconditionFailure("data pairs are read, not drawn")
            }
        }
        return PairSet(design: design, pairs: PairBatch(x: x, y: y))
    }

    /// The cross design: k = √P inputs from `stream.child(1, i)` and k weights
    /// from `stream.child(2, j)`, uniform on [0, 1)^d; pair p = (x_{p / k}, w_{p mod k}).
    static func drawUniformCross(dimension d: Int, count: Int, stream: RandomStream) -> PairSet {
        let k = crossSide(pairs: count)
        precondition(k * k == count, "uniform-cross needs a square number of pairs")
        func point(_ tag: UInt64, _ i: Int) -> [Double] {
            var g = stream.child(tag, UInt64(i))
            return (0..<d).map { _ in Sampling.uniform(using: &g) }
        }
        let inputs = (0..<k).map { point(1, $0) }
        let weights = (0..<k).map { point(2, $0) }
        var x = Matrix<Double>(rows: count, columns: d)
        var y = Matrix<Double>(rows: count, columns: d)
        for p in 0..<count {
            for j in 0..<d {
                x[p, j] = inputs[p / k][j]
                y[p, j] = weights[p % k][j]
            }
        }
        return PairSet(design: .uniformCross, pairs: PairBatch(x: x, y: y))
    }

    /// k with k² = P, or nil when P is not a square.
    public static func crossSide(pairs count: Int) -> Int {
        var k = Int(Double(count).squareRoot().rounded())
        while k * k > count { k -= 1 }
        while (k + 1) * (k + 1) <= count { k += 1 }
        return k
    }

    /// Two orthonormal directions: a uniform unit vector a, and u uniform among
    /// the unit vectors orthogonal to a (Gram–Schmidt on a second normal vector).
    /// In d = 1 there is no orthogonal direction; u is then 0.
    static func orthonormalPair(dimension d: Int, using g: inout RandomStream) -> ([Double], [Double]) {
        let a = unitVector(dimension: d, using: &g)
        guard d > 1 else { return (a, [0]) }
        while true {
            var v = unitVector(dimension: d, using: &g)
            var dot = 0.0
            for j in 0..<d { dot += v[j] * a[j] }
            var norm2 = 0.0
            for j in 0..<d {
                v[j] -= dot * a[j]
                norm2 += v[j] * v[j]
            }
            if norm2 > 1e-12 {
                let inv = 1 / norm2.squareRoot()
                return (a, v.map { $0 * inv })
            }
        }
    }

    /// z of pair p in the shift-invariant design.
    public static func shiftInvariantDistance(pair p: Int) -> Double {
        PairDesign.shiftInvariantDistances[p % PairDesign.shiftInvariantDistances.count]
    }

    /// The scaled distances z_p = ‖x_p − y_p‖₂/σ (the `z` column of shift-invariant
    /// kernels). The shift-invariant design reports its exact design values.
    public func distances(sigma: Double) -> [Double] {
        if case .shiftInvariant(let s) = design, s == sigma {
            return (0..<count).map { Self.shiftInvariantDistance(pair: $0) }
        }
        return (0..<count).map { Self.euclideanDistance(pairs.x.row($0), pairs.y.row($0)) / sigma }
    }

    static func euclideanDistance(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for j in a.indices { s += (a[j] - b[j]) * (a[j] - b[j]) }
        return s.squareRoot()
    }

    /// A uniform direction: a standard normal vector divided by its norm.
    static func unitVector(dimension d: Int, using g: inout RandomStream) -> [Double] {
        while true {
            var v = [Double](repeating: 0, count: d)
            Sampling.fillNormal(&v, using: &g)
            var norm2 = 0.0
            for t in v { norm2 += t * t }
            if norm2 > 0 {
                let inv = 1 / norm2.squareRoot()
                return v.map { $0 * inv }
            }
        }
    }
}
