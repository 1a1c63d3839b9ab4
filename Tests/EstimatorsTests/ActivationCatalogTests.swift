import Estimators
import Testing

/// The catalogue entries this branch adds: each builds its estimator, names itself as
/// listed, and carries a one-line formula.
@Suite struct ActivationCatalogTests {
    @Test(arguments: [
        ("cos", "urf"), ("sin", "urf"), ("gauss-activation", "urf"), ("cauchy-activation", "urf"),
        ("exp", "urf"), ("polynomial", "eugen"), ("polynomial", "maclaurin"), ("polynomial", "tensorsketch"),
    ])
    func entriesBuildTheirEstimators(kernel: String, estimator: String) throws {
        let entry = try EstimatorCatalog.entry(kernel: kernel, estimator: estimator)
        let e = try entry.make(KernelParameters())
        #expect(e.kernelName == kernel && e.estimatorName == estimator)
        #expect(e is any FeatureMapEstimator)
        #expect(!entry.formula.isEmpty && !entry.formula.contains("\n"))
    }

    @Test func polynomialDefaultsToEUGen() throws {
        #expect(try EstimatorCatalog.entry(kernel: "polynomial", estimator: nil).estimator == "eugen")
        #expect(try EstimatorCatalog.entry(kernel: "cos", estimator: nil).estimator == "urf")
    }

    @Test func unknownEstimatorListsValidOnes() {
        do {
            _ = try EstimatorCatalog.entry(kernel: "polynomial", estimator: "bogus")
            Issue.record("must throw")
        } catch let error as EstimatorError {
            #expect(error.description.contains("eugen, maclaurin, tensorsketch"))
        } catch { Issue.record("\(error)") }
    }
}
