@testable import Estimators
import RandomFeatures
import Testing

/// The FFT path of TensorSketch against the naive definition: an order-p TensorSketch
/// is the CountSketch of x^{⊗p} with bucket (Σⱼ hⱼ(rⱼ)) mod D and sign Πⱼ sⱼ(rⱼ).
@Suite struct TensorSketchConvolutionTests {
    @Test(arguments: [(2, 7), (2, 8), (3, 5), (3, 16)])
    func fftEqualsNaiveCircularConvolution(order: Int, width: Int) throws {
        var a = [Double](repeating: 0, count: order + 1)
        a[order] = 1
        let e = try TensorSketchEstimator(parameters: KernelParameters(bias: 0, coefficients: a))
        let x = [0.1, -0.2, 0.3, 0.4, 1.5]
        let map = try e.featureMap(inputDimension: x.count, features: width, projection: .iid, stream: RandomStream(seed: 17))
        let ts = map as! TensorSketchFeatureMap
        let hashes = ts.sketches[0]
        var naive = [Double](repeating: 0, count: width)
        // Every index tuple (r₁ … r_p).
        var index = [Int](repeating: 0, count: order)
        outer: while true {
            var bucket = 0, value = 1.0
            for (j, r) in index.enumerated() {
                bucket += hashes[j].buckets[r]
                value *= hashes[j].signs[r] * x[r]
            }
            naive[bucket % width] += value
            var k = 0
            while k < order {
                index[k] += 1
                if index[k] < x.count { continue outer }
                index[k] = 0
                k += 1
            }
            break
        }
        let fd = try map.transform(Matrix(rowArrays: [x]), side: .x)
        for k in 0..<width { #expect(abs(fd[0, 1 + k] - naive[k]) <= 1e-12 * max(1, abs(naive[k]))) }
        let ff = try map.transform(Matrix(rowArrays: [x]).converted(to: Float.self), side: .x)
        for k in 0..<width { #expect(abs(Double(ff[0, 1 + k]) - naive[k]) <= 1e-5 * max(1, abs(naive[k]))) }
    }
}
