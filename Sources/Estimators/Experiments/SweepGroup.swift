import RandomFeatures

/// One grid of a sweep: the product of its lists, with one set of kernel
/// parameters and one source of pairs. A command line makes one group; a
/// preset may stack several (for example the same estimator at two biases).
public struct SweepGroup: Sendable {
    /// Kernel names; nil means every kernel in the catalogue.
    public var kernels: [String]?
    /// Estimator names; nil means every estimator of each kernel.
    public var estimators: [String]?
    public var projections: [ProjectionKind]
    /// Input dimensions d (ignored for data pairs, whose dimension is the file's).
    public var dimensions: [Int]
    /// Feature counts m (random rows).
    public var features: [Int]
    /// Radii r of the sphere designs (dot-product kernels, `--input sphere`).
    public var radii: [Double]
    public var parameters: KernelParameters
    public var source: PairSource

    public init(kernels: [String]? = nil, estimators: [String]? = nil, projections: [ProjectionKind] = [.iid],
                dimensions: [Int], features: [Int], radii: [Double] = [0.5, 1],
                parameters: KernelParameters = .init(), source: PairSource = .protocolDesign) {
        self.kernels = kernels
        self.estimators = estimators
        self.projections = projections
        self.dimensions = dimensions
        self.features = features
        self.radii = radii
        self.parameters = parameters
        self.source = source
    }
}
