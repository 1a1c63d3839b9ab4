import CGSL
import Estimators
import RandomFeatures
import Testing

/// Every kernel × estimator × projection of the catalogue at the §9 oracle pair, on a
/// fixed seed: |mean − exact| ≤ 5 SE, and for independent rows (iid, rademacher) the sample
/// variance within 5 fourth-moment standard errors of the closed form (where one exists).
///
/// SORF has fixed row norms and is biased (ALGORITHMS.md §2.3): its mean is checked
/// against the bias bound |E K̂ − K| ≤ 6z/√d `[reconstruction]` plus 5 SE instead.
@Suite struct CatalogueProjectionTests {
    struct Combination: Sendable, CustomStringConvertible {
        let kernel: String
        let estimator: String
        let projection: ProjectionKind
        var description: String { "\(kernel)/\(estimator)/\(projection.rawValue)" }
    }

    static let parameters = KernelParameters(sigma: 1, bias: OraclePair.bias, coefficients: [0.5, 1, 0.25])

    static var combinations: [Combination] {
        EstimatorCatalog.all.flatMap { entry -> [Combination] in
            guard let e = try? entry.make(parameters) else { return [] }
            return e.validProjections.map {
                Combination(kernel: entry.kernel, estimator: entry.estimator, projection: $0)
            }
        }
    }

    /// Estimators whose fourth moment is infinite at the oracle pair (cauchy-activation with
    /// ‖x+w‖² = 0.5275 ≥ 1/2, §5.6): the variance check does not apply there.
    static let infiniteFourthMoment: Set<String> = ["cauchy-activation/urf"]

    @Test(arguments: combinations)
    func unbiasedWithVarianceAsTheory(_ c: Combination) throws {
        let e = try EstimatorCatalog.entry(kernel: c.kernel, estimator: c.estimator).make(Self.parameters)
        let x = OraclePair.x, y = OraclePair.y
        let stats = try Trials.run(e, x: x, y: y, features: 16, projection: c.projection, trials: 3000, seed: 7)
        let exact = try e.exact(x: x, y: y)
        if c.projection == .sorf && ["gaussian", "laplace", "cauchy"].contains(c.kernel) {
            let z = zip(x, y).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            let bound = 6 * z / Double(x.count).squareRoot()
            #expect(abs(stats.mean - exact) <= bound + 5 * stats.standardError, "\(c): mean \(stats.mean) vs exact \(exact)")
        } else {
            #expect(stats.isUnbiased(for: exact), "\(c): mean \(stats.mean) vs exact \(exact), SE \(stats.standardError)")
        }
        let theory = e.varianceTheory(x: x, y: y, features: 16, projection: c.projection)
        // Closed forms hold for independent rows (iid, rademacher); rows that share a block never get one.
        if ![.iid, .rademacher].contains(c.projection) { #expect(theory == nil, "\(c): theory is for independent rows only") }
        if let theory, !Self.infiniteFourthMoment.contains("\(c.kernel)/\(c.estimator)") {
            #expect(stats.varianceMatches(theory),
                    "\(c): variance \(stats.variance) vs theory \(theory), SE \(stats.varianceStandardError)")
        }
    }

    /// Every estimator refuses the projections it does not list, naming the valid ones.
    @Test func invalidProjectionsAreRefused() throws {
        let pairs = PairBatch(x: Matrix(rowArrays: [OraclePair.x]), y: Matrix(rowArrays: [OraclePair.y]))
        for entry in EstimatorCatalog.all {
            let e = try entry.make(Self.parameters)
            for kind in ProjectionKind.allCases where !e.validProjections.contains(kind) {
                do {
                    _ = try e.estimate(pairs: pairs, features: 4, projection: kind, stream: RandomStream(seed: 0))
                    Issue.record("\(entry.kernel)/\(entry.estimator) accepted \(kind)")
                } catch let error as EstimatorError {
                    #expect(error.description.contains("valid projections: \(e.validProjections.map(\.rawValue).joined(separator: ", "))"))
                }
            }
        }
    }

    /// The feature maps' inner products are the estimates (Float and Double), and
    /// Float features agree with Double ones.
    @Test func featureMapsReproduceEstimates() throws {
        let x = Matrix(rowArrays: [OraclePair.x]), y = Matrix(rowArrays: [OraclePair.y])
        for name in [("gaussian", "trig"), ("gaussian", "offset"), ("laplace", "trig"), ("exp", "positive"),
                     ("exp", "trig"), ("exp", "hyperbolic"), ("arccos0", "heaviside"), ("arccos1", "relu")] {
            let e = try EstimatorCatalog.entry(kernel: name.0, estimator: name.1).make(Self.parameters) as! any FeatureMapEstimator
            let s = RandomStream(seed: 3)
            let estimate = try e.estimate(pairs: PairBatch(x: x, y: y), features: 32, projection: .iid, stream: s)[0]
            let map = try e.featureMap(inputDimension: 4, features: 32, projection: .iid, stream: s)
            let fx = try map.transform(x, side: .x), fy = try map.transform(y, side: .y)
            let dot = zip(fx.storage, fy.storage).reduce(0.0) { $0 + $1.0 * $1.1 }
            #expect(abs(dot - estimate) <= 1e-12 * max(1, abs(estimate)), "\(name)")
            let ff = try map.transform(x.converted(to: Float.self), side: .x)
            #expect(ff.columns == fx.columns)
            for (a, c) in zip(ff.storage, fx.storage) { #expect(abs(Double(a) - c) <= 1e-5 * max(1, abs(c)), "\(name)") }
        }
    }
}

/// The per-row variances of ALGORITHMS.md §9 for this branch's estimators (10 significant digits).
@Suite struct FeatureMapOracleVarianceTests {
    let x = OraclePair.x, y = OraclePair.y

    @Test(arguments: [
        ("gaussian", "trig", 0.038997740018), ("gaussian", "offset", 0.538997740018),
        ("laplace", "trig", 0.438771785874), ("laplace", "offset", 0.938771785874),
        ("cauchy", "trig", 0.133057386984),
        ("exp", "trig", 0.0597998825073), ("exp", "hyperbolic", 0.157358990654), ("exp", "positive", 0.767751497387),
        // §9 lists the 1/√m normalisation (means k/2); the √(2/m) maps multiply it by 4.
        ("arccos0", "heaviside", 4 * 0.206379821284), ("arccos1", "relu", 4 * 0.0151123171637),
    ])
    func perRow(kernel: String, estimator: String, expected: Double) throws {
        let e = try EstimatorCatalog.entry(kernel: kernel, estimator: estimator).make(KernelParameters())
        let v = try #require(e.varianceTheory(x: x, y: y, features: 5, projection: .iid)) * 5
        #expect(relativeError(v, expected) < 1e-10, "\(kernel)/\(estimator): \(v) vs \(expected)")
    }
}
