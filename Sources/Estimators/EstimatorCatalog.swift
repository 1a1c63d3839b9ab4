import RandomFeatures

/// One row of `rftool kernels`: a (kernel, estimator) pair, how to build it,
/// and what it computes.
public struct EstimatorEntry: Sendable {
    public let kernel: String
    public let estimator: String
    /// The estimator `--estimator` defaults to for this kernel.
    public let isDefault: Bool
    /// The exact kernel and the feature map, as one line of text.
    public let formula: String
    /// Builds the estimator for the given parameters, or throws a one-line reason.
    public let make: @Sendable (KernelParameters) throws -> any PointwiseEstimator

    public init(kernel: String, estimator: String, isDefault: Bool, formula: String,
                make: @escaping @Sendable (KernelParameters) throws -> any PointwiseEstimator) {
        self.kernel = kernel
        self.estimator = estimator
        self.isDefault = isDefault
        self.formula = formula
        self.make = make
    }
}

/// Every kernel × estimator rftool offers. Entries are grouped by family, each
/// family in its own file (`EstimatorCatalog+<Family>.swift`) as a static array.
public enum EstimatorCatalog {
    /// All entries, in the order `rftool kernels` prints them.
    public static var all: [EstimatorEntry] {
        shiftInvariant + softmax + softmaxURF + activations + arcCosine + polynomial
    }

    public static var kernelNames: [String] {
        var seen = Set<String>()
        return all.map(\.kernel).filter { seen.insert($0).inserted }
    }

    public static func estimators(for kernel: String) -> [EstimatorEntry] {
        all.filter { $0.kernel == kernel }
    }

    /// The entry for (kernel, estimator); `estimator == nil` picks the default.
    public static func entry(kernel: String, estimator: String?) throws -> EstimatorEntry {
        let candidates = estimators(for: kernel)
        guard !candidates.isEmpty else {
            throw EstimatorError("unknown kernel '\(kernel)'; valid kernels: \(kernelNames.joined(separator: ", "))")
        }
        if let estimator {
            guard let e = candidates.first(where: { $0.estimator == estimator }) else {
                throw EstimatorError("estimator '\(estimator)' is not available for kernel '\(kernel)'; valid: \(candidates.map(\.estimator).joined(separator: ", "))")
            }
            return e
        }
        return candidates.first(where: \.isDefault) ?? candidates[0]
    }
}
