import Estimators
import RandomFeatures

/// `rftool kernels`: every kernel × estimator of `EstimatorCatalog`, its valid
/// projections and its formula, one block per entry in catalogue order.
public enum KernelsTable {
    public struct Row: Sendable, Equatable {
        public let kernel: String
        public let estimator: String
        public let isDefault: Bool
        public let projections: [String]
        public let formula: String
    }

    /// One row per catalogue entry; projections from the estimator built with default parameters.
    public static func rows(_ entries: [EstimatorEntry] = EstimatorCatalog.all) -> [Row] {
        entries.map { entry in
            let projections = (try? entry.make(KernelParameters()))?.validProjections.map(\.rawValue) ?? []
            return Row(kernel: entry.kernel, estimator: entry.estimator, isDefault: entry.isDefault,
                       projections: projections, formula: entry.formula)
        }
    }

    /// An aligned table: kernel, estimator (`*` marks the default), projections; the formula on the next line.
    public static func render(_ rows: [Row]) -> String {
        let kernelWidth = max(6, rows.map(\.kernel.count).max() ?? 0)
        let estimatorWidth = max(9, (rows.map(\.estimator.count).max() ?? 0) + 1)
        func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
        var lines = [pad("kernel", kernelWidth) + "  " + pad("estimator", estimatorWidth) + "  projections"]
        for row in rows {
            lines.append(pad(row.kernel, kernelWidth) + "  " + pad(row.estimator + (row.isDefault ? "*" : ""), estimatorWidth)
                         + "  " + row.projections.joined(separator: ", "))
            lines.append("    " + row.formula)
        }
        lines.append("* default estimator of its kernel (--estimator may be omitted)")
        return lines.joined(separator: "\n") + "\n"
    }
}
