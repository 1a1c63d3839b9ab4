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
    /// Every pair of k inputs and k weights, all uniform on [0, 1)^d, with
    /// k² = P: SNNK's point-wise validation design (ALGORITHMS.md §5.6, §7.2:
    /// four inputs × four weights = 16 pairs).
    case uniformCross
    /// x and y on the sphere of radius r at the angles cos θ_p = −1 + 2p/(P−1),
    /// so that x·y = r² cos θ_p sweeps [−r², r²]: the kernel values of
    /// dot-product kernels (exp(x·y), …) from their smallest to their largest.
    case sphereAngles
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
        case .uniformCross: return "uniform-cross"
        case .sphereAngles: return "sphere-angles"
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
    /// All pairs (x_i, w_j) of k inputs and k weights uniform on [0, 1)^d, k² = P; pair p = (x_{p / k}, w_{p mod k}).
    case uniformCross
    /// x, y on the sphere of radius r with cos θ_p = −1 + 2p/(P − 1) (cos θ = 1 when P = 1).
    case sphereAngles(radius: Double)
    /// Rows of a data file (identified by its name; the pairs travel with the source).
    case data(name: String)

    /// The scaled distances z = ‖x − y‖/σ of the shift-invariant design, cycled over pairs.
    public static let shiftInvariantDistances: [Double] = [0.5, 1, 1.5, 2, 3]

    /// Kernels k(x, y) = k(x − y) whose protocol design is the shift-invariant one.
    public static let shiftInvariantKernels: Set<String> = ["gaussian", "laplace", "cauchy"]

    /// The radius this design fixes, if any (the `radius` column).
    public var radius: Double? {
        switch self {
        case .sphere(let r), .sphereAngles(let r): return r
        default: return nil
        }
    }

    /// A stable text key (pair-stream derivation, cell ids).
    public var key: String {
        switch self {
        case .shiftInvariant(let sigma): return "shift-invariant(sigma=\(sigma))"
        case .sphere(let r): return "sphere(r=\(r))"
        case .gaussian: return "gaussian"
        case .uniform: return "uniform"
        case .uniformCross: return "uniform-cross"
        case .sphereAngles(let r): return "sphere-angles(r=\(r))"
        case .data(let name): return "data(\(name))"
        }
    }
}
