import Estimators

/// The two CSV tables of a sweep (STYLE.md §5: tidy, snake_case, numbers that
/// round-trip a Double, empty cells for missing values).
///
/// `NAME.csv`, one row per (cell, pair). The first twenty columns are the
/// contract of issue 4; the rest are ALGORITHMS.md §7.1's extras and the
/// columns that identify a cell fully:
///
/// | column | meaning |
/// |---|---|
/// | kernel, estimator, projection, dim, features | the cell (features = m, random rows) |
/// | pair | pair index p within the cell, 0-based |
/// | radius | r of sphere pairs, else empty |
/// | trials, seed | T and the run's seed |
/// | exact, mean, variance, bias, mse, stderr, rel_mse, mse_lo, mse_hi | see `CellStatistics` |
/// | variance_theory, variance_ratio | empty where no closed form exists |
/// | cell | plan index of the cell (rows are ordered by cell, then pair) |
/// | z | ‖x − y‖/σ for shift-invariant kernels, else empty |
/// | bias_se, mse_se, variance_se, variance_ratio_se, fourth_central_moment | standard errors, see `CellStatistics` |
/// | rel_rmse, mean_abs_rel_error | empty when abs(exact) < 1e-12 |
/// | sigma, kernel_bias, coefficients, urf_m | kernel parameters (coefficients `;`-separated) |
/// | pairs_from | protocol, sphere, sphere-angles, gaussian, uniform, uniform-cross, or the data file |
/// | fourth_central_moment_theory | μ₄ of one estimate from theory (`inf` where infinite), empty where unknown |
///
/// Columns are only ever appended (`addedColumns`): files written before a column
/// existed still read (`checkCells` treats a missing added column as empty).
///
/// `NAME.summary.csv`, one row per cell: the cell's columns, `pairs`, and the
/// means over pairs `mean_mse`, `mean_rel_mse`, `mean_abs_bias`,
/// `mean_variance_ratio`, `mean_variance` (see `CellSummary`).
public enum SweepTable {
    public static let columns = [
        "kernel", "estimator", "projection", "dim", "features", "pair", "radius", "trials", "seed",
        "exact", "mean", "variance", "bias", "mse", "stderr", "rel_mse", "mse_lo", "mse_hi",
        "variance_theory", "variance_ratio",
        "cell", "z", "bias_se", "mse_se", "variance_se", "variance_ratio_se", "fourth_central_moment",
        "rel_rmse", "mean_abs_rel_error", "sigma", "kernel_bias", "coefficients", "urf_m", "pairs_from",
    ] + addedColumns

    /// Columns appended after results were first committed, newest last: older files
    /// end before them (their header is `columns` minus a suffix of these).
    public static let addedColumns = ["fourth_central_moment_theory"]

    public static let summaryColumns = [
        "kernel", "estimator", "projection", "dim", "features", "radius", "trials", "seed", "pairs",
        "mean_mse", "mean_rel_mse", "mean_abs_bias", "mean_variance_ratio", "mean_variance",
        "cell", "sigma", "kernel_bias", "coefficients", "urf_m", "pairs_from",
    ]

    /// `NAME.csv` as text: header, then every result's pairs in order.
    public static func csv(_ results: [CellResult], seed: UInt64, trials: Int) -> String {
        var text = CSVFormat.line(columns) + "\n"
        for r in results {
            let c = r.cell
            for (p, s) in r.pairs.enumerated() {
                let cells: [String] = [
                    CSVFormat.text(c.kernel), CSVFormat.text(c.estimator), c.projection.rawValue,
                    CSVFormat.number(c.dimension), CSVFormat.number(c.features), CSVFormat.number(p),
                    CSVFormat.number(c.radius), CSVFormat.number(trials), String(seed),
                    CSVFormat.number(s.exact), CSVFormat.number(s.mean), CSVFormat.number(s.variance),
                    CSVFormat.number(s.bias), CSVFormat.number(s.mse), CSVFormat.number(s.biasSE),
                    CSVFormat.number(s.relativeMSE), CSVFormat.number(s.mseLow), CSVFormat.number(s.mseHigh),
                    CSVFormat.number(s.varianceTheory), CSVFormat.number(s.varianceRatio),
                    CSVFormat.number(c.index), CSVFormat.number(c.distances[p]), CSVFormat.number(s.biasSE),
                    CSVFormat.number(s.mseSE), CSVFormat.number(s.varianceSE), CSVFormat.number(s.varianceRatioSE),
                    CSVFormat.number(s.fourthCentralMoment), CSVFormat.number(s.relativeRMSE),
                    CSVFormat.number(s.meanAbsoluteRelativeError),
                ] + parameterCells(c) + [CSVFormat.number(s.fourthCentralMomentTheory)]
                text += CSVFormat.line(cells) + "\n"
            }
        }
        return text
    }

    /// `NAME.summary.csv` as text: header, then one row per result.
    public static func summaryCSV(_ results: [CellResult], seed: UInt64, trials: Int) -> String {
        var text = CSVFormat.line(summaryColumns) + "\n"
        for r in results {
            let c = r.cell
            let s = CellSummary(r)
            let cells: [String] = [
                CSVFormat.text(c.kernel), CSVFormat.text(c.estimator), c.projection.rawValue,
                CSVFormat.number(c.dimension), CSVFormat.number(c.features), CSVFormat.number(c.radius),
                CSVFormat.number(trials), String(seed), CSVFormat.number(r.pairs.count),
                CSVFormat.number(s.meanMSE), CSVFormat.number(s.meanRelativeMSE), CSVFormat.number(s.meanAbsoluteBias),
                CSVFormat.number(s.meanVarianceRatio), CSVFormat.number(s.meanVariance),
                CSVFormat.number(c.index),
            ] + parameterCells(c)
            text += CSVFormat.line(cells) + "\n"
        }
        return text
    }

    static func parameterCells(_ c: Cell) -> [String] {
        let p = c.parameters
        let urf: String
        switch p.urfM {
        case .value(let m): urf = CSVFormat.number(m)
        case .optimal: urf = "optimal"
        }
        return [
            CSVFormat.number(p.sigma), CSVFormat.number(p.bias),
            CSVFormat.text(p.coefficients.map { CSVFormat.number($0) }.joined(separator: ";")),
            urf, CSVFormat.text(c.pairsFrom),
        ]
    }
}
