import Foundation
import RandomFeatures

// MARK: - Flags of `rftool bench projections` → Configuration

extension ProjectionBenchmark.Configuration {
    /// Builds a configuration from the command's flags, refusing bad values with a usage
    /// error (exit 64) that names the flag and the accepted values.
    ///
    /// - Parameters:
    ///   - d: comma-separated input dimensions.
    ///   - m: comma-separated row counts, or nil for m = d at every d; when given, every
    ///     (d, m) pair is timed.
    ///   - precision: `float`, `double` or `float,double`.
    public static func parse(projections: String, n: Int, d: String, m: String?, precision: String,
                             samples: Int, seed: UInt64 = 1) throws -> Self {
        let kinds = try ListParsing.projections(projections, flag: "--projections")
        let range = sizeRange
        func size(_ value: Int, _ flag: String) throws {
            guard range.contains(value) else {
                throw RFToolError.usage("\(flag) must be from \(range.lowerBound) to \(range.upperBound); got \(value)")
            }
        }
        try size(n, "--n")
        let dims = try ListParsing.integers(d, flag: "--d")
        for v in dims { try size(v, "--d") }
        let shapes: [ProjectionBenchmark.Shape]
        if let m {
            let rows = try ListParsing.integers(m, flag: "--m")
            for v in rows { try size(v, "--m") }
            shapes = dims.flatMap { d in rows.map { ProjectionBenchmark.Shape(d: d, m: $0) } }
        } else {
            shapes = dims.map { ProjectionBenchmark.Shape(d: $0, m: $0) }
        }
        let precisions = try ListParsing.items(precision, flag: "--precision").map { item in
            guard let p = ProjectionBenchmark.Precision(rawValue: item) else {
                throw RFToolError.usage("--precision: unknown precision '\(item)'; valid: float, double")
            }
            return p
        }
        guard (1...1000).contains(samples) else {
            throw RFToolError.usage("--samples must be from 1 to 1000; got \(samples)")
        }
        // Batch, output, the dense baseline's matrix and a dense projection's two copies, in Double.
        let physical = ProcessInfo.processInfo.physicalMemory
        for shape in shapes {
            let entries = Double(n) * Double(shape.d + 2 * shape.m) + 3 * Double(shape.m) * Double(shape.d)
            guard entries * 8 < Double(physical) else {
                throw RFToolError.usage("--n \(n), --d \(shape.d), --m \(shape.m) would need about "
                    + "\(Int(entries * 8 / 1_048_576)) MiB, more than this machine's \(physical >> 20) MiB")
            }
        }
        return Self(projections: kinds, n: n, shapes: shapes, precisions: precisions, samples: samples, seed: seed)
    }
}
