import RandomFeatures
import RealModule

/// A shift-invariant kernel k(x, y) = κ((x − y)/σ) with bandwidth σ, written as
/// the characteristic function of its spectral distribution (Bochner):
///
///     κ(δ) = E_w cos(w·δ),   wⱼ iid from `frequencyEntries`
///
/// so that random Fourier features draw w from that distribution and apply the
/// bandwidth to the inputs, x/σ (ALGORITHMS.md §1, "Projections are standard").
public protocol ShiftInvariantKernel: Kernel {
    /// The bandwidth σ > 0.
    var sigma: Double { get }
    /// κ(δ) at a difference already divided by σ.
    func profile(scaledDifference delta: [Double]) -> Double
    /// The distribution of each entry of a frequency row w (standard scale).
    var frequencyEntries: ProjectionOptions.EntryDistribution { get }
}

extension ShiftInvariantKernel {
    public func value(x: [Double], y: [Double]) -> Double {
        precondition(x.count == y.count, "x and y must have the same length")
        return profile(scaledDifference: zip(x, y).map { ($0 - $1) / sigma })
    }
}

/// Gaussian kernel k(x, y) = exp(−‖x − y‖²/(2σ²)); frequencies w ~ N(0, I) on x/σ,
/// i.e. N(0, σ⁻² I) on x — the factor 2 of trap §8.1 (scikit-learn's γ = 1/(2σ²)).
public struct GaussianKernel: ShiftInvariantKernel {
    public let sigma: Double
    public init(sigma: Double = 1) {
        precondition(sigma > 0 && sigma.isFinite)
        self.sigma = sigma
    }
    public var name: String { "gaussian" }
    public var frequencyEntries: ProjectionOptions.EntryDistribution { .gaussian }
    public func profile(scaledDifference delta: [Double]) -> Double {
        Double.exp(-KernelMath.squaredNorm(delta) / 2)
    }
}

/// Laplace (L1) kernel k(x, y) = exp(−‖x − y‖₁/σ); frequencies wⱼ iid standard
/// **Cauchy** on x/σ (trap §8.2: Laplace frequencies would give the Cauchy kernel).
public struct LaplaceKernel: ShiftInvariantKernel {
    public let sigma: Double
    public init(sigma: Double = 1) {
        precondition(sigma > 0 && sigma.isFinite)
        self.sigma = sigma
    }
    public var name: String { "laplace" }
    public var frequencyEntries: ProjectionOptions.EntryDistribution { .cauchy }
    public func profile(scaledDifference delta: [Double]) -> Double {
        Double.exp(-delta.reduce(0) { $0 + abs($1) })
    }
}

/// Cauchy (product) kernel k(x, y) = Πⱼ 1/(1 + (xⱼ − yⱼ)²/σ²); frequencies wⱼ iid
/// standard **Laplace** on x/σ (ALGORITHMS.md §4; the dual of the Laplace kernel).
public struct CauchyKernel: ShiftInvariantKernel {
    public let sigma: Double
    public init(sigma: Double = 1) {
        precondition(sigma > 0 && sigma.isFinite)
        self.sigma = sigma
    }
    public var name: String { "cauchy" }
    public var frequencyEntries: ProjectionOptions.EntryDistribution { .laplace }
    public func profile(scaledDifference delta: [Double]) -> Double {
        delta.reduce(1) { $0 / (1 + $1 * $1) }
    }
}
