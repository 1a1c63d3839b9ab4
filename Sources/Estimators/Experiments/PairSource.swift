import RandomFeatures

/// Where the input pairs (x_p, y_p) of a sweep come from (`--input`).
///
/// Drawn pairs are fixed by the seed and shared by every trial, projection and
/// feature count of the same dimension (common random numbers: differences
/// between estimators are not blurred by different inputs).
public enum PairSource: Sendable {
    /// The design of ALGORITHMS.md §7.1 that suits each kernel: the
    /// shift-invariant design for Gaussian, Laplace and Cauchy kernels, the
    /// sphere design (one set per `--radius`) for dot-product and activation kernels.
    case protocolDesign
    /// x and y uniform on the sphere of radius r, one pair set per radius.
    case sphere
    /// x and y independent N(0, I/d).
    case gaussian
    /// x and y independent uniform on [0, 1)^d.
    case uniform
    /// Consecutive rows of a user's data file: pair p is (row 2p, row 2p+1).
    /// `name` is the file name as given; `pairs` holds the P pairs already read.
    case data(name: String, pairs: PairBatch)

    /// The `--input` spelling (or the file name).
    public var label: String {
        switch self {
        case .protocolDesign: return "protocol"
        case .sphere: return "sphere"
        case .gaussian: return "gaussian"
        case .uniform: return "uniform"
        case .data(let name, _): return name
        }
    }
}

/// The concrete way one pair set is made, after the kernel and radius are known.
public enum PairDesign: Sendable, Hashable {
    /// x ~ N(0, I/d);  y = x + z·σ·u, u uniform on the unit sphere,
    /// z = `shiftInvariantDistances[p mod 5]` (ALGORITHMS.md §7.1).
    case shiftInvariant(sigma: Double)
    /// x, y uniform on the sphere of radius r.
    case sphere(radius: Double)
    case gaussian
    case uniform
    /// Rows of a data file (identified by its name; the pairs travel with the source).
    case data(name: String)

    /// The scaled distances z = ‖x − y‖/σ of the shift-invariant design, cycled over pairs.
    public static let shiftInvariantDistances: [Double] = [0.5, 1, 1.5, 2, 3]

    /// Kernels k(x, y) = k(x − y) whose protocol design is the shift-invariant one.
    public static let shiftInvariantKernels: Set<String> = ["gaussian", "laplace", "cauchy"]

    /// The radius this design fixes, if any (the `radius` column).
    public var radius: Double? {
        if case .sphere(let r) = self { return r }
        return nil
    }

    /// A stable text key (pair-stream derivation, cell ids).
    public var key: String {
        switch self {
        case .shiftInvariant(let sigma): return "shift-invariant(sigma=\(sigma))"
        case .sphere(let r): return "sphere(r=\(r))"
        case .gaussian: return "gaussian"
        case .uniform: return "uniform"
        case .data(let name): return "data(\(name))"
        }
    }
}
