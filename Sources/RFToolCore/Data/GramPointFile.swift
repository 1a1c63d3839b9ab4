import Estimators
import Foundation
import RandomFeatures

/// The two point sets of a `--gram` run read from a data file (quffka's
/// protocol, ALGORITHMS.md §7.2 "Gram-matrix preset"):
///
/// 1. the file is read as one point a row (`DataFile`); in a CSV whose header
///    names a column `label`, that column is the class and is dropped;
/// 2. every value is divided by the largest absolute value in the file
///    ("features are divided by the training maximum"; for the digits, 16);
/// 3. 2n distinct rows are drawn with the seed (a random permutation from the
///    stream `RandomStream(seed).child(tag "points")`): set A is the first n,
///    set B the next n. They are returned as a `PairBatch` (x = A, y = B).
public enum GramPointFile {
    static let streamTag: UInt64 = 0x706f_696e_7473 // "points"

    public static func load(path: String, points n: Int, seed: UInt64, flag: String = "--input") throws -> PairBatch {
        guard path.hasSuffix(".npy") || path.hasSuffix(".csv") else {
            throw RFToolError.usage("\(flag): with --gram, expected a file ending in .csv or .npy, or a drawn design (protocol, sphere, gaussian, uniform); got '\(path)'")
        }
        var table = try DataFile.readMatrix(path: path, flag: flag)
        if path.hasSuffix(".csv"), let label = try labelColumn(path: path, flag: flag) {
            table = dropping(column: label, of: table)
            guard table.columns >= 1 else { throw RFToolError.data("\(flag): \(path) has no column besides 'label'") }
        }
        return try points(from: table, points: n, seed: seed, name: path, flag: flag)
    }

    /// Steps 2 and 3 on a table already read.
    public static func points(from table: Matrix<Double>, points n: Int, seed: UInt64, name: String, flag: String = "--input") throws -> PairBatch {
        guard table.rows >= 2 * n else {
            throw RFToolError.data("\(flag): '\(name)' has \(table.rows) rows; --gram with --points \(n) needs 2 × \(n) = \(2 * n) (two sets of \(n)); lower --points to at most \(table.rows / 2)")
        }
        let scale = table.storage.reduce(0) { max($0, abs($1)) }
        guard scale > 0 else { throw RFToolError.data("\(flag): '\(name)' holds only zeros; its points cannot be scaled by their maximum") }
        var g = RandomStream(seed: seed).child(streamTag)
        let order = Sampling.permutation(count: table.rows, using: &g)
        var a = Matrix<Double>(rows: n, columns: table.columns)
        var b = Matrix<Double>(rows: n, columns: table.columns)
        for i in 0..<n {
            for j in 0..<table.columns {
                a[i, j] = table[order[i], j] / scale
                b[i, j] = table[order[n + i], j] / scale
            }
        }
        return PairBatch(x: a, y: b)
    }

    /// The index of a header column named `label`, if the CSV's first line is a header.
    static func labelColumn(path: String, flag: String) throws -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let head = (try handle.read(upToCount: 1 << 16)) ?? Data()
        guard let text = String(data: head, encoding: .utf8),
              let firstLine = text.split(whereSeparator: \.isNewline).first else { return nil }
        let names = firstLine.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.allSatisfy({ Double($0) == nil }) else { return nil }
        return names.firstIndex(of: "label")
    }

    static func dropping(column k: Int, of table: Matrix<Double>) -> Matrix<Double> {
        var out = Matrix<Double>(rows: table.rows, columns: table.columns - 1)
        for i in 0..<table.rows {
            var jj = 0
            for j in 0..<table.columns where j != k {
                out[i, jj] = table[i, j]
                jj += 1
            }
        }
        return out
    }
}
