import Estimators
import Foundation
import RandomFeatures
import Testing
@testable import RFToolCore

/// `variance-sweep --gram`: per-trial Gram errors against a direct computation,
/// thread-count invariance, the 1/m law of the squared error, and the data
/// file's point sets. Uses the catalogue's EUGen estimator (a feature map).
@Suite struct GramModeTests {
    static func request(features: String, trials: Int, points: Int = 12, seed: UInt64 = 7) -> VarianceSweepRequest {
        var r = VarianceSweepRequest()
        r.gram = true
        r.kernel = "polynomial"
        r.estimator = "eugen"
        r.dim = "4"
        r.input = "gaussian"
        r.features = features
        r.trials = trials
        r.points = points
        r.seed = seed
        r.quiet = true
        return r
    }

    /// K̂ by explicit loops (no GEMM) and the exact kernel at every (a_i, b_j).
    @Test func errorsEqualADirectComputation() throws {
        let config = try Self.request(features: "32", trials: 5).configuration()
        let results = try GramCellRunner(plan: config.plan, threads: 2).run(config.plan.cells)
        #expect(results.count == 1)
        let r = results[0], cell = r.cell
        let points = config.plan.pairSets[cell.pairSetIndex].pairs
        let estimator = try GramCellRunner.featureMap(of: cell)
        for t in 0..<5 {
            let map = try estimator.featureMap(inputDimension: 4, features: 32, projection: .iid,
                                               stream: cell.trialStream(seed: 7, trial: t))
            let fa = try map.transform(points.x, side: .x), fb = try map.transform(points.y, side: .y)
            var diff = 0.0, norm = 0.0
            for i in 0..<points.count {
                for j in 0..<points.count {
                    var khat = 0.0
                    for k in 0..<fa.columns { khat += fa[i, k] * fb[j, k] }
                    let exact = try estimator.exact(x: points.x.row(i), y: points.y.row(j))
                    diff += (exact - khat) * (exact - khat)
                    norm += exact * exact
                }
            }
            let expected = (diff / norm).squareRoot()
            #expect(abs(r.errors[t] - expected) <= 1e-12 * expected, "trial \(t): \(r.errors[t]) vs \(expected)")
        }
        #expect(r.points == 12)
    }

    @Test func sameBytesForAnyThreadCount() throws {
        let dir = try temporaryFolder()
        var texts: [String] = []
        for threads in [1, 2] {
            var r = Self.request(features: "8,16", trials: 6)
            r.threads = threads
            r.out = "\(dir)/t\(threads).csv"
            _ = try VarianceSweep.run(try r.configuration(), log: { _ in }, progressMode: .off)
            texts.append(try String(contentsOfFile: "\(dir)/t\(threads).csv", encoding: .utf8)
                         + String(contentsOfFile: "\(dir)/t\(threads).summary.csv", encoding: .utf8))
        }
        #expect(texts[0] == texts[1])
        let header = texts[0].split(separator: "\n")[0]
        #expect(header == GramTable.columns.joined(separator: ","))
    }

    /// E‖K − K̂‖²_F ∝ 1/m for an average of m iid rows, so m·mean(e²) is the
    /// same at m = 16 and m = 256 (within 5 SE of the difference).
    @Test func squaredErrorFallsLikeOneOverM() throws {
        let config = try Self.request(features: "16,256", trials: 300, points: 8, seed: 11).configuration()
        let results = try GramCellRunner(plan: config.plan, threads: 2).run(config.plan.cells)
        let scaled = results.map { r -> (mean: Double, se: Double) in
            let s = r.errors.map { $0 * $0 * Double(r.cell.features) }
            let mean = s.reduce(0, +) / Double(s.count)
            let variance = s.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(s.count - 1)
            return (mean, (variance / Double(s.count)).squareRoot())
        }
        let se = (scaled[0].se * scaled[0].se + scaled[1].se * scaled[1].se).squareRoot()
        #expect(abs(scaled[0].mean - scaled[1].mean) <= 5 * se, "\(scaled)")
        #expect(results[1].statistics.mean < results[0].statistics.mean)
    }

    @Test func dataFilePointsDropTheLabelAndAreScaledByTheMaximum() throws {
        let dir = try temporaryFolder()
        var text = "a,b,label\n"
        for i in 0..<10 { text += "\(i),\(2 * i),\(i % 3)\n" }
        let path = "\(dir)/points.csv"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        let batch = try GramPointFile.load(path: path, points: 4, seed: 3)
        #expect(batch.dimension == 2 && batch.count == 4)
        var seen = Set<Double>()
        for m in [batch.x, batch.y] {
            for i in 0..<4 {
                let row = m.row(i)
                #expect(row[1] == 2 * row[0])            // the label column is gone
                #expect(row[1] <= 1 && row[0] <= 0.5)    // divided by the file's maximum, 18
                #expect(seen.insert(row[0]).inserted)    // 8 distinct rows
            }
        }
        #expect {
            _ = try GramPointFile.load(path: path, points: 6, seed: 3)
        } throws: { ($0 as? RFToolError)?.kind == .data && ($0 as? RFToolError)?.message.contains("--points 6 needs 2 × 6 = 12") == true }
    }
}

/// The pair designs of the SNNK and softmax presets.
@Suite struct PairDesignTests {
    @Test func uniformCrossPairsEveryInputWithEveryWeight() {
        let set = PairSet.draw(design: .uniformCross, dimension: 3, count: 16, stream: RandomStream(seed: 5))
        let xs = Set((0..<16).map { set.pairs.x.row($0) }), ys = Set((0..<16).map { set.pairs.y.row($0) })
        #expect(xs.count == 4 && ys.count == 4)
        let combinations = Set((0..<16).map { set.pairs.x.row($0) + set.pairs.y.row($0) })
        #expect(combinations.count == 16)
        #expect(set.pairs.x.storage.allSatisfy { $0 >= 0 && $0 < 1 } && set.pairs.y.storage.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    @Test func sphereAnglesSweepTheDotProduct() {
        let r = 1.5, count = 9
        let set = PairSet.draw(design: .sphereAngles(radius: r), dimension: 6, count: count, stream: RandomStream(seed: 2))
        for p in 0..<count {
            let x = set.pairs.x.row(p), y = set.pairs.y.row(p)
            let dot = zip(x, y).map(*).reduce(0, +)
            let cosine = -1 + 2 * Double(p) / Double(count - 1)
            #expect(abs(dot - r * r * cosine) < 1e-12)
            #expect(abs(x.map { $0 * $0 }.reduce(0, +) - r * r) < 1e-12)
            #expect(abs(y.map { $0 * $0 }.reduce(0, +) - r * r) < 1e-12)
        }
    }
}
