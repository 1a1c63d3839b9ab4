import Testing
@testable import Estimators
import RandomFeatures

/// The SORF trig and offset maps write their features band by band (`Projection.applyInBands`);
/// the result must be the two-pass route's (project the whole batch, then the columns), bit for bit,
/// with several bands per worker, a truncated last block and a bandwidth σ ≠ 1.
@Suite struct BandedFeaturesTests {
    @Test(arguments: [RandomFourierEstimator.Map.trig, .offset])
    func bandedEqualsTwoPass(map: RandomFourierEstimator.Map) throws {
        let n = 150, d = 20, m = 40
        let estimator = RandomFourierEstimator(kernel: GaussianKernel(sigma: 1.5), map: map)
        let fitted = try estimator.featureMap(inputDimension: d, features: m, projection: .sorf, stream: RandomStream(seed: 77))
        let fourier = try #require(fitted as? RandomFourierFeatureMap)
        var g = RandomStream(seed: 78)
        let batch = Matrix<Double>(rows: n, columns: d, storage: (0..<(n * d)).map { _ in Sampling.normal(using: &g) })
        let scale = map == .trig ? 1 / Double(m).squareRoot() : (2 / Double(m)).squareRoot()

        let scaled = Matrix<Double>(rows: n, columns: d, storage: batch.storage.map { $0 * (1 / 1.5) })
        let reference = TrigonometricColumns.features(fourier.rows.apply(scaled), scale: scale, offsets: fourier.offsets,
                                                      withSine: map == .trig)
        let banded = try fitted.transform(batch, side: .x)
        #expect(banded.rows == n && banded.columns == reference.columns)
        #expect(banded.storage.map(\.bitPattern) == reference.storage.map(\.bitPattern))

        let batchFloat: Matrix<Float> = batch.converted()
        let scaledFloat = Matrix<Float>(rows: n, columns: d, storage: batchFloat.storage.map { $0 * Float(1 / 1.5) })
        let referenceFloat = TrigonometricColumns.features(fourier.rows.apply(scaledFloat), scale: scale,
                                                           offsets: fourier.offsets, withSine: map == .trig)
        let bandedFloat = try fitted.transform(batchFloat, side: .x)
        #expect(bandedFloat.storage.map(\.bitPattern) == referenceFloat.storage.map(\.bitPattern))
    }
}
