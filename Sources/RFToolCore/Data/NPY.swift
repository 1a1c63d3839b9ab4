import Foundation
import RandomFeatures

/// NumPy's `.npy` format for 2-D float arrays (format versions 1.0, 2.0 and 3.0 read;
/// 1.0 written, or 2.0 when the header needs more than 65535 bytes).
///
///     "\x93NUMPY" major minor  header_len (uint16 LE for v1, uint32 LE for v2/v3)
///     {'descr': '<f8', 'fortran_order': False, 'shape': (n, d), }  padded with spaces, ending in '\n'
///     n·d little-endian values in C (row-major) order
///
/// Only little-endian float32 (`<f4`) and float64 (`<f8`), C order and exactly two
/// dimensions are accepted; anything else is refused with a one-line reason.
/// Reference: numpy/lib/format.py ("NPY format" NEP 1).
public enum NPY {
    public enum ElementType: String, Sendable {
        case float32 = "<f4"
        case float64 = "<f8"
        var size: Int { self == .float32 ? 4 : 8 }
    }

    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]   // "\x93NUMPY"

    /// Reads a 2-D float array; float32 values are widened exactly to Double.
    /// `flag` names the command-line option in error messages (e.g. "--input").
    ///
    /// With `allowVector`, a 1-D array of shape (n,) is also accepted and read as a 1 × n matrix
    /// (how NumPy saves a bias vector).
    public static func read(_ data: Data, flag: String, path: String, allowVector: Bool = false) throws -> (matrix: Matrix<Double>, elementType: ElementType) {
        let bytes = [UInt8](data)
        func fail(_ reason: String) -> RFToolError { .data("\(flag): \(path) is not a readable .npy file: \(reason)") }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw fail("missing the \\x93NUMPY magic string") }
        let major = bytes[6]
        let headerStart: Int, headerLength: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("truncated header") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail("format version \(major).\(bytes[7]) is not supported (1.0, 2.0 and 3.0 are)")
        }
        guard bytes.count >= headerStart + headerLength,
              let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: .utf8) else {
            throw fail("truncated header")
        }
        var fields = try parseHeader(header, fail: fail)
        guard let elementType = ElementType(rawValue: fields.descr) else {
            throw fail("dtype '\(fields.descr)' is not supported; need little-endian float32 ('<f4') or float64 ('<f8')")
        }
        guard !fields.fortranOrder else { throw fail("Fortran (column-major) order is not supported; save a C-ordered array") }
        if allowVector && fields.shape.count == 1 {
            fields.shape = [1, fields.shape[0]]
        }
        guard fields.shape.count == 2 else {
            let shown = fields.shape.count == 1 ? "(\(fields.shape[0]),)" : "(\(fields.shape.map(String.init).joined(separator: ", ")))"
            throw fail("shape \(shown) has \(fields.shape.count) dimension(s); need a 2-D array (rows × columns)")
        }
        let (rows, columns) = (fields.shape[0], fields.shape[1])
        let start = headerStart + headerLength
        let expected = rows * columns * elementType.size
        guard bytes.count - start == expected else {
            throw fail("shape (\(rows), \(columns)) needs \(expected) data bytes but the file has \(bytes.count - start)")
        }
        var values = [Double](repeating: 0, count: rows * columns)
        bytes.withUnsafeBytes { raw in
            let body = UnsafeRawBufferPointer(rebasing: raw[start...])
            for i in values.indices {
                switch elementType {
                case .float32:
                    values[i] = Double(Float(bitPattern: UInt32(littleEndian: body.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))
                case .float64:
                    values[i] = Double(bitPattern: UInt64(littleEndian: body.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                }
            }
        }
        return (Matrix(rows: rows, columns: columns, storage: values), elementType)
    }

    /// The bytes of a `.npy` file holding `matrix` as `<f8` or `<f4`.
    public static func encode<S: BLASScalar>(_ matrix: Matrix<S>) -> Data {
        let descr = S.self == Float.self ? ElementType.float32 : .float64
        var header = "{'descr': '\(descr.rawValue)', 'fortran_order': False, 'shape': (\(matrix.rows), \(matrix.columns)), }"
        // Pad with spaces so that magic + version + length + header + '\n' is a multiple of 64.
        var prefix = 10
        if (prefix + header.utf8.count + 1 + 63) / 64 * 64 - prefix > 65535 { prefix = 12 }
        let total = (prefix + header.utf8.count + 1 + 63) / 64 * 64
        header += String(repeating: " ", count: total - prefix - header.utf8.count - 1) + "\n"
        var out = Data(magic)
        let length = header.utf8.count
        if prefix == 10 {
            out.append(contentsOf: [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)])
        } else {
            out.append(contentsOf: [2, 0, UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF), UInt8((length >> 16) & 0xFF), UInt8(length >> 24)])
        }
        out.append(contentsOf: Array(header.utf8))
        out.reserveCapacity(out.count + matrix.storage.count * descr.size)
        matrix.storage.withUnsafeBufferPointer { values in
            if let floats = values as? UnsafeBufferPointer<Float> {
                for v in floats { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
            } else {
                for v in values { withUnsafeBytes(of: v.doubleValue.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
            }
        }
        return out
    }

    struct HeaderFields {
        var descr: String
        var fortranOrder: Bool
        var shape: [Int]
    }

    /// Parses the header's Python dict literal (the three keys NumPy writes).
    static func parseHeader(_ header: String, fail: (String) -> RFToolError) throws -> HeaderFields {
        func value(after key: String) -> Substring? {
            for quote in ["'", "\""] {
                if let range = header.range(of: "\(quote)\(key)\(quote)") {
                    let rest = header[range.upperBound...].drop(while: { $0 == " " })
                    guard rest.first == ":" else { return nil }
                    return rest.dropFirst().drop(while: { $0 == " " })
                }
            }
            return nil
        }
        guard let d = value(after: "descr"), let q = d.first, q == "'" || q == "\"",
              let end = d.dropFirst().firstIndex(of: q) else { throw fail("header has no 'descr'") }
        let descr = String(d[d.index(after: d.startIndex)..<end])
        guard let f = value(after: "fortran_order") else { throw fail("header has no 'fortran_order'") }
        let fortran: Bool
        if f.hasPrefix("False") { fortran = false } else if f.hasPrefix("True") { fortran = true } else {
            throw fail("unreadable 'fortran_order'")
        }
        guard let s = value(after: "shape"), s.first == "(", let close = s.firstIndex(of: ")") else {
            throw fail("header has no 'shape'")
        }
        let inner = s[s.index(after: s.startIndex)..<close]
        var shape = [Int]()
        for part in inner.split(separator: ",") {
            let t = part.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            guard let n = Int(t.hasSuffix("L") ? String(t.dropLast()) : t), n >= 0 else { throw fail("unreadable shape '(\(inner))'") }
            shape.append(n)
        }
        return HeaderFields(descr: descr, fortranOrder: fortran, shape: shape)
    }
}
