import Foundation
import Testing
@testable import RFToolCore
import RandomFeatures

@Suite struct DataFileTests {
    /// An .npy file (version 1.0) with the given header fields and payload, padded as NumPy pads it.
    static func npy(descr: String, shape: String, payload: Data, fortran: Bool = false) -> Data {
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        data.append(UInt8(header.utf8.count & 0xFF))
        data.append(UInt8(header.utf8.count >> 8))
        data.append(Data(header.utf8))
        data.append(payload)
        return data
    }

    static func bytes<T>(_ values: [T]) -> Data { values.withUnsafeBytes { Data($0) } }

    @Test func float64AndFloat32() throws {
        let values: [Double] = [0.1, -2, 3.5, 1e-300, 7, 8]
        let t = try DataFile.parse(Self.npy(descr: "<f8", shape: "(3, 2)", payload: Self.bytes(values)), isNPY: true, flag: "--input", path: "a.npy")
        #expect(t.rows == 3 && t.columns == 2 && t.storage == values)
        let floats: [Float] = [0.1, -2, 3.5, 4]
        let f = try DataFile.parse(Self.npy(descr: "<f4", shape: "(2, 2)", payload: Self.bytes(floats)), isNPY: true, flag: "--input", path: "b.npy")
        #expect(f.rows == 2 && f.columns == 2 && f.storage == floats.map(Double.init))
    }

    @Test func refusals() {
        let cases: [(Data, String)] = [
            (Self.npy(descr: "<f8", shape: "(3, 2)", payload: Self.bytes([1.0, 2, 3, 4, 5])), "needs 48 data bytes"),
            (Self.npy(descr: ">f8", shape: "(1, 1)", payload: Self.bytes([1.0])), "dtype '>f8' is not supported"),
            (Self.npy(descr: "<f8", shape: "(1, 1)", payload: Self.bytes([1.0]), fortran: true), "Fortran (column-major) order"),
            (Self.npy(descr: "<f8", shape: "(1, 1, 1)", payload: Self.bytes([1.0])), "need a 2-D array"),
            (Self.npy(descr: "<f8", shape: "(1, 2)", payload: Self.bytes([1.0, .nan])), "row 1 column 2 holds nan"),
            (Data("not numpy".utf8), "magic string"),
        ]
        for (data, fragment) in cases {
            #expect {
                try DataFile.parse(data, isNPY: true, flag: "--input", path: "x.npy")
            } throws: { ($0 as? RFToolError)?.kind == .data && "\($0)".contains(fragment) }
        }
    }

    @Test func csvHeaderIsSkippedOnlyWhenAllText() throws {
        let t = try DataFile.parse(Data("pixel_0,pixel_1\n1,2\n3,4\n".utf8), isNPY: false, flag: "--input", path: "h.csv")
        #expect(t.rows == 2 && t.storage == [1, 2, 3, 4])
        #expect {
            try DataFile.parse(Data("pixel_0,1\n1,2\n".utf8), isNPY: false, flag: "--input", path: "h.csv")
        } throws: { "\($0)".contains("line 1, column 1: 'pixel_0' is not a number") }
    }

    @Test func pairsAreConsecutiveRows() throws {
        let table = Matrix<Double>(rows: 5, columns: 2, storage: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        let batch = try PairFile.batch(from: table, pairs: 2, name: "t.csv")
        #expect(batch.x.storage == [1, 2, 5, 6] && batch.y.storage == [3, 4, 7, 8])
    }
}
