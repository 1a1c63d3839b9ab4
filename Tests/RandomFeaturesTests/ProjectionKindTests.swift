import Testing
import _TestSupport
@testable import RandomFeatures

/// What every projection kind shares: exactly m rows, determinism, validation (§8.14).
@Suite struct ProjectionKindTests {
    /// Exactly m rows for m below, at and above a block, and not a multiple of d or p; the
    /// first rows of a larger draw from the same stream are the smaller draw (truncation
    /// keeps a prefix of the last block).
    @Test(arguments: ProjectionKind.allCases)
    func exactlyMRowsAsPrefixes(kind: ProjectionKind) throws {
        let d = 5
        let stream = RandomStream(seed: 21)
        let big = try kind.draw(rowCount: 21, inputDimension: d, stream: stream).dense()
        for m in [1, 4, 5, 7, 8, 9, 17] {
            let projection = try kind.draw(rowCount: m, inputDimension: d, stream: stream)
            #expect(projection.rowCount == m && projection.inputDimension == d)
            let w = projection.dense()
            #expect(w.rows == m && w.columns == d)
            #expect(Array(big.storage[0..<(m * d)]) == w.storage)
            #expect(projection.apply(normalBatch(rows: 2, columns: d, seed: 1)).columns == m)
        }
    }

    @Test(arguments: ProjectionKind.allCases)
    func sameStreamSameMatrix(kind: ProjectionKind) throws {
        let a = try kind.draw(rowCount: 12, inputDimension: 7, stream: RandomStream(seed: 22)).dense()
        let b = try kind.draw(rowCount: 12, inputDimension: 7, stream: RandomStream(seed: 22)).dense()
        let c = try kind.draw(rowCount: 12, inputDimension: 7, stream: RandomStream(seed: 23)).dense()
        #expect(a == b)
        #expect(a != c)
    }

    /// `apply(_:into:)` writes the bytes `apply(_:)` returns, over whatever the result held.
    @Test(arguments: ProjectionKind.allCases)
    func applyIntoEqualsApply(kind: ProjectionKind) throws {
        for (m, d) in [(7, 5), (16, 16), (300, 100)] {
            let p = try kind.draw(rowCount: m, inputDimension: d, stream: RandomStream(seed: 25))
            let x = normalBatch(rows: 40, columns: d, seed: 26)
            let xf = x.converted(to: Float.self)
            var z = Matrix<Double>(rows: 40, columns: m, repeating: .nan)
            var zf = Matrix<Float>(rows: 40, columns: m, repeating: .nan)
            p.apply(x, into: &z)
            p.apply(xf, into: &zf)
            #expect(z == p.apply(x))
            #expect(zf == p.apply(xf))
        }
    }

    @Test(arguments: ProjectionKind.allCases)
    func emptyBatchGivesEmptyResult(kind: ProjectionKind) throws {
        let p = try kind.draw(rowCount: 3, inputDimension: 4, stream: RandomStream(seed: 24))
        let z = p.apply(Matrix<Float>(rows: 0, columns: 4))
        #expect(z.rows == 0 && z.columns == 3)
    }

    @Test func refusesBadSizesAndOptions() {
        let s = RandomStream(seed: 0)
        func message(_ body: () throws -> Any) -> String {
            do { _ = try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { try ProjectionKind.sorf.draw(rowCount: 0, inputDimension: 3, stream: s) }
                == "the number of rows m must be at least 1; got 0")
        #expect(message { try ProjectionKind.fastfood.draw(rowCount: 3, inputDimension: 0, stream: s) }
                == "the input dimension d must be at least 1; got 0")
        #expect(message { try ProjectionKind.sorf.draw(rowCount: 3, inputDimension: 3,
                                                        options: ProjectionOptions(hadamardBlocks: 0), stream: s) }
                == "the number of HD blocks must be from 1 to 64; got 0")
        #expect(message { try ProjectionKind.fastfood.draw(rowCount: 3, inputDimension: 3,
                                                            options: ProjectionOptions(rowNorms: .chi), stream: s) }
                == "row norms chi apply only to orthogonal and sorf projections, not fastfood")
        #expect(message { try ProjectionKind.orthogonal.draw(rowCount: 3, inputDimension: 3,
                                                              options: ProjectionOptions(entries: .cauchy), stream: s) }
                == "entries cauchy apply only to iid and circulant projections, not orthogonal")
        #expect(message { try ProjectionKind.iid.draw(rowCount: 1 << 40, inputDimension: 1 << 30, stream: s) }
                .hasPrefix("the iid projection with m = 1099511627776 rows and d = 1073741824 would need more memory"))
    }
}
