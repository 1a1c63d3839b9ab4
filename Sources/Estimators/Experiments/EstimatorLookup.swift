/// Name lookup over a list of catalogue entries. The sweep takes its entries
/// from `EstimatorCatalog.all`; tests hand in their own.
public struct EstimatorLookup: Sendable {
    public let entries: [EstimatorEntry]

    public init(_ entries: [EstimatorEntry] = EstimatorCatalog.all) {
        self.entries = entries
    }

    /// Kernel names in catalogue order, each once.
    public var kernelNames: [String] { unique(entries.map(\.kernel)) }

    /// Estimator names of the given kernels, in catalogue order, each once.
    public func estimatorNames(for kernels: [String]) -> [String] {
        unique(entries.filter { kernels.contains($0.kernel) }.map(\.estimator))
    }

    public func entries(for kernel: String) -> [EstimatorEntry] {
        entries.filter { $0.kernel == kernel }
    }

    public func entry(kernel: String, estimator: String) -> EstimatorEntry? {
        entries.first { $0.kernel == kernel && $0.estimator == estimator }
    }

    private func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
