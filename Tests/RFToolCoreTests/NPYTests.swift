import Foundation
import RandomFeatures
import RFToolCore
import Testing

@Suite struct NPYTests {
    /// A header built by hand from the format description (numpy/lib/format.py).
    func file(version: UInt8 = 1, header: String, body: [UInt8]) -> Data {
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
        let h = Array(header.utf8)
        if version == 1 {
            bytes += [UInt8(h.count & 0xFF), UInt8(h.count >> 8)]
        } else {
            bytes += [UInt8(h.count & 0xFF), UInt8(h.count >> 8), 0, 0]
        }
        return Data(bytes + h + body)
    }

    func littleEndian(_ values: [Double]) -> [UInt8] { values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } }

    @Test func roundTripDoubleAndFloatExactly() throws {
        let m = Matrix<Double>(rows: 3, columns: 2, storage: [0.1, -2.5e-300, .pi, 1e300, -0.0, 7])
        let back = try NPY.read(NPY.encode(m), flag: "--input", path: "t.npy")
        #expect(back.elementType == .float64)
        #expect(back.matrix.storage.map(\.bitPattern) == m.storage.map(\.bitPattern))
        let f = Matrix<Float>(rows: 2, columns: 2, storage: [0.1, -3, .pi, 1e30])
        let backF = try NPY.read(NPY.encode(f), flag: "--input", path: "t.npy")
        #expect(backF.elementType == .float32)
        #expect(backF.matrix.storage == f.storage.map(Double.init))
    }

    @Test func headerIsAlignedAndReadable() {
        let data = NPY.encode(Matrix<Double>(rows: 4, columns: 5))
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        #expect((10 + headerLength) % 64 == 0)
        let header = String(decoding: data[10..<(10 + headerLength)], as: UTF8.self)
        #expect(header.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (4, 5), }"))
        #expect(header.hasSuffix("\n"))
        #expect(data.count == 10 + headerLength + 4 * 5 * 8)
    }

    @Test func readsVersion2() throws {
        let data = file(version: 2, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }\n", body: littleEndian([1.5, -2]))
        #expect(try NPY.read(data, flag: "--input", path: "v2.npy").matrix.storage == [1.5, -2])
    }

    @Test(arguments: [
        ("{'descr': '>f8', 'fortran_order': False, 'shape': (1, 2), }\n", "dtype '>f8' is not supported"),
        ("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }\n", "dtype '<i8' is not supported"),
        ("{'descr': '<f8', 'fortran_order': True, 'shape': (1, 2), }\n", "Fortran"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\n", "shape (2,) has 1 dimension"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 2), }\n", "need a 2-D array"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }\n", "needs 32 data bytes but the file has 16"),
    ])
    func refusesWithOneLineReason(header: String, reason: String) {
        let data = file(header: header, body: littleEndian([1, 2]))
        do {
            _ = try NPY.read(data, flag: "--input", path: "bad.npy")
            Issue.record("must refuse \(header)")
        } catch let error as RFToolError {
            #expect(error.kind == .data)
            #expect(error.message.hasPrefix("--input: bad.npy"))
            #expect(error.message.contains(reason), "\(error.message)")
            #expect(!error.message.contains("\n"))
        } catch { Issue.record("\(error)") }
    }

    @Test func refusesNonNPY() {
        #expect(throws: RFToolError.self) { try NPY.read(Data("a,b\n1,2\n".utf8), flag: "--input", path: "x.npy") }
    }
}

@Suite struct CSVMatrixReaderTests {
    @Test func readsWithAndWithoutHeader() throws {
        let a = try CSVMatrixReader.read("x,y\n1, 2\n-3e-2,4\n", flag: "--input", path: "a.csv")
        #expect(a.rows == 2 && a.columns == 2 && a.storage == [1, 2, -0.03, 4])
        let b = try CSVMatrixReader.read("1,2\r\n3,4\r\n\n", flag: "--input", path: "b.csv")
        #expect(b.rows == 2 && b.storage == [1, 2, 3, 4])
    }

    @Test(arguments: [
        ("1,2\n3\n", "line 2 has 1 values, expected 2"),
        ("1,2\n3,abc\n", "line 2, column 2: 'abc' is not a number"),
        ("1,2\nnan,4\n", "line 2, column 1: 'nan' is not a finite number"),
        ("h1,h2\n1,inf\n", "line 2, column 2: 'inf' is not a finite number"),
        ("", "has no rows"),
        ("a,b\n", "header but no data rows"),
        ("1,x\n", "line 1, column 2: 'x' is not a number"),
    ])
    func refusesBadRows(text: String, reason: String) {
        do {
            _ = try CSVMatrixReader.read(text, flag: "--input", path: "d.csv")
            Issue.record("must refuse \(text)")
        } catch let error as RFToolError {
            #expect(error.kind == .data && error.exitCode == 65)
            #expect(error.message.hasPrefix("--input: d.csv"))
            #expect(error.message.contains(reason), "\(error.message)")
        } catch { Issue.record("\(error)") }
    }

    @Test func writerRoundTripsThroughReader() throws {
        let m = Matrix<Double>(rows: 2, columns: 3, storage: [0.1, 1e-5, -2, 1.0 / 3, 5, 6])
        let text = String(decoding: CSVMatrixWriter.encode(m), as: UTF8.self)
        #expect(text.hasPrefix("feature_0,feature_1,feature_2\n"))
        #expect(try CSVMatrixReader.read(text, flag: "--input", path: "r.csv") == m)
        let f = Matrix<Float>(rows: 1, columns: 2, storage: [0.1, 1.0 / 3])
        let back = try CSVMatrixReader.read(String(decoding: CSVMatrixWriter.encode(f), as: UTF8.self), flag: "--input", path: "r.csv")
        #expect(back.storage.map { Float($0) } == f.storage)
    }
}
