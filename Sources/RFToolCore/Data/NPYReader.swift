import Foundation

/// Reads a NumPy `.npy` file holding a 2-D array of float32 or float64
/// (format versions 1.0, 2.0 and 3.0; NumPy's `numpy.lib.format`):
///
///     "\x93NUMPY" major minor  header_len (u16 LE in 1.0, u32 LE in 2.0/3.0)
///     header: a Python dict literal {'descr': '<f8', 'fortran_order': False, 'shape': (n, d), }
///     data: n·d little-endian values, C (row-major) order
///
/// Refused with a `.data` error (exit 65): other dtypes, big-endian data,
/// Fortran order, shapes other than 2-D (a 1-D array is read as one row),
/// truncated data, NaN or infinite values.
public enum NPYReader {
    public static func read(path: String, flag: String) throws -> NumericTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RFToolError.data("\(flag): cannot read '\(path)'")
        }
        return try parse(data, name: path, flag: flag)
    }

    public static func parse(_ data: Data, name: String, flag: String) throws -> NumericTable {
        let bytes = [UInt8](data)
        func fail(_ why: String) -> RFToolError { RFToolError.data("\(flag): '\(name)' \(why)") }
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw fail("is not a NumPy .npy file (bad magic)") }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw fail("is truncated") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw fail("has unsupported .npy format version \(major).\(bytes[7])")
        }
        guard bytes.count >= headerStart + headerLength,
              let header = String(bytes: bytes[headerStart..<(headerStart + headerLength)], encoding: major == 3 ? .utf8 : .isoLatin1)
        else { throw fail("is truncated in its header") }
        guard let descr = field("descr", in: header), let order = field("fortran_order", in: header),
              let shapeText = field("shape", in: header)
        else { throw fail("has a header without descr, fortran_order and shape: \(header.trimmingCharacters(in: .whitespacesAndNewlines))") }
        let descrValue = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        let width: Int
        switch descrValue {
        case "<f8": width = 8
        case "<f4": width = 4
        default: throw fail("holds dtype '\(descrValue)'; rftool reads little-endian float32 ('<f4') or float64 ('<f8')")
        }
        guard order.trimmingCharacters(in: .whitespaces) == "False" else {
            throw fail("is in Fortran order; save it in C order (numpy.ascontiguousarray)")
        }
        let dims = shapeText.trimmingCharacters(in: CharacterSet(charactersIn: "() "))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let shape = dims.compactMap { Int($0) }
        guard shape.count == dims.count, (1...2).contains(shape.count) else {
            throw fail("has shape (\(shapeText)); rftool reads 2-D arrays (rows × columns)")
        }
        let rows = shape.count == 2 ? shape[0] : 1
        let columns = shape.count == 2 ? shape[1] : shape[0]
        let start = headerStart + headerLength
        let count = rows * columns
        guard bytes.count - start >= count * width else {
            throw fail("is truncated: \(rows)×\(columns) values need \(count * width) bytes, found \(bytes.count - start)")
        }
        var values = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let o = start + i * width
            var bits: UInt64 = 0
            for b in 0..<width { bits |= UInt64(bytes[o + b]) << (8 * UInt64(b)) }
            let v = width == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(bits)))
            guard v.isFinite else { throw fail("row \(i / columns + 1) column \(i % columns + 1): \(v) is not finite") }
            values[i] = v
        }
        return NumericTable(rows: rows, columns: columns, values: values)
    }

    /// The text after `'key':` up to the next top-level comma (shape tuples kept whole).
    static func field(_ key: String, in header: String) -> String? {
        guard let range = header.range(of: "'\(key)'") ?? header.range(of: "\"\(key)\"") else { return nil }
        var rest = header[range.upperBound...].drop { $0 == " " }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " }
        var depth = 0
        var value = ""
        for ch in rest {
            if ch == "(" { depth += 1 }
            if ch == ")" { depth -= 1 }
            if (ch == "," && depth == 0) || ch == "}" { break }
            value.append(ch)
        }
        return value.trimmingCharacters(in: .whitespaces)
    }
}
