import Estimators
import RandomFeatures

extension SweepTable {
    /// The cells of a sweep CSV (`NAME.csv` text) as the acceptance checks see
    /// them, so a merged, sharded sweep is checked like an unsharded one. Rows
    /// of one cell are consecutive, as the sweep and `merge` write them. A file
    /// written before `fourth_central_moment_theory` existed reads with that column
    /// empty (the variance check then has no theoretical SE to skip pairs by).
    public static func checkCells(csv text: String, name: String) throws -> [CheckCell] {
        let lines = text.split(separator: "\n")
        guard let head = lines.first else { throw RFToolError.data("'\(name)' is empty") }
        let header = CSVFields.split(head)
        func column(_ key: String) throws -> Int {
            guard let i = header.firstIndex(of: key) else { throw RFToolError.data("'\(name)' has no '\(key)' column") }
            return i
        }
        let c = try (
            cell: column("cell"), kernel: column("kernel"), estimator: column("estimator"), projection: column("projection"),
            dim: column("dim"), features: column("features"), radius: column("radius"), exact: column("exact"),
            bias: column("bias"), biasSE: column("bias_se"), mse: column("mse"), variance: column("variance"),
            varianceSE: column("variance_se"), ratio: column("variance_ratio"), ratioSE: column("variance_ratio_se"),
            z: column("z"), sigma: column("sigma"), kernelBias: column("kernel_bias"), coefficients: column("coefficients"),
            urfM: column("urf_m"), pairsFrom: column("pairs_from"), trials: column("trials"),
            varianceTheory: column("variance_theory"))
        let fourthTheory = header.firstIndex(of: "fourth_central_moment_theory")
        var cells: [CheckCell] = []
        var currentCell = -1
        for (n, line) in lines.dropFirst().enumerated() {
            let f = CSVFields.split(line)
            guard f.count == header.count else { throw RFToolError.data("'\(name)' line \(n + 2) has \(f.count) fields, expected \(header.count)") }
            func number(_ i: Int) throws -> Double {
                guard let v = Double(f[i]) else { throw RFToolError.data("'\(name)' line \(n + 2): '\(f[i])' in column \(header[i]) is not a number") }
                return v
            }
            func optional(_ i: Int) throws -> Double? { f[i].isEmpty ? nil : try number(i) }
            guard let trials = Int(f[c.trials]) else { throw RFToolError.data("'\(name)' line \(n + 2): no integer in column trials") }
            let ratioSETheory = CellStatistics.theoreticalVarianceRatioSE(
                varianceTheory: try optional(c.varianceTheory), fourthMomentTheory: try fourthTheory.flatMap(optional), trials: trials)
            let pair = CheckCell.Pair(
                exact: try number(c.exact), bias: try number(c.bias), biasSE: try number(c.biasSE), mse: try number(c.mse),
                variance: try number(c.variance), varianceSE: try number(c.varianceSE), varianceRatio: try optional(c.ratio),
                varianceRatioSE: try optional(c.ratioSE), z: try optional(c.z), varianceRatioSETheory: ratioSETheory)
            guard let index = Int(f[c.cell]) else { throw RFToolError.data("'\(name)' line \(n + 2): no integer in column cell") }
            if index != currentCell {
                guard let projection = ProjectionKind(rawValue: f[c.projection]), let d = Int(f[c.dim]), let m = Int(f[c.features]) else {
                    throw RFToolError.data("'\(name)' line \(n + 2): unreadable projection, dim or features")
                }
                cells.append(CheckCell(
                    kernel: f[c.kernel], estimator: f[c.estimator], projection: projection, dimension: d, features: m,
                    radius: try optional(c.radius),
                    context: CheckCell.context(sigma: f[c.sigma], bias: f[c.kernelBias], coefficients: f[c.coefficients],
                                               urfM: f[c.urfM], pairsFrom: f[c.pairsFrom]),
                    pairs: []))
                currentCell = index
            }
            cells[cells.count - 1].pairs.append(pair)
        }
        return cells
    }
}
