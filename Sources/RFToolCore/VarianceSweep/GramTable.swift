import Estimators

/// The two CSV tables of a `variance-sweep --gram` run (STYLE.md §5: tidy,
/// snake_case, numbers that round-trip a Double).
///
/// `NAME.csv`, one row per (cell, trial):
///
/// | column | meaning |
/// |---|---|
/// | kernel, estimator, projection, dim, features | the cell (features = m, random rows) |
/// | trial | trial index t, 0-based (each trial draws a fresh feature map) |
/// | seed | the run's seed |
/// | points | n, the points of each of the two sets (K is n × n) |
/// | gram_rel_error | ‖K − K̂‖_F / ‖K‖_F with K̂ = Φ_A Φ_Bᵀ |
/// | cell | plan index of the cell (rows are ordered by cell, then trial) |
/// | sigma, kernel_bias, coefficients, urf_m | kernel parameters (coefficients `;`-separated) |
/// | pairs_from | where the two point sets came from (the data file, or a drawn design) |
///
/// `NAME.summary.csv`, one row per cell: the cell's columns, `trials`, `seed`,
/// `points`, and over the trials `mean_gram_rel_error`, `sd_gram_rel_error`,
/// `stderr_gram_rel_error`, `median_gram_rel_error`, `min_gram_rel_error`,
/// `max_gram_rel_error` (see `GramErrorStatistics`), and `exact_gram_norm` = ‖K‖_F.
public enum GramTable {
    public static let columns = [
        "kernel", "estimator", "projection", "dim", "features", "trial", "seed", "points", "gram_rel_error",
        "cell", "sigma", "kernel_bias", "coefficients", "urf_m", "pairs_from",
    ]

    public static let summaryColumns = [
        "kernel", "estimator", "projection", "dim", "features", "trials", "seed", "points",
        "mean_gram_rel_error", "sd_gram_rel_error", "stderr_gram_rel_error", "median_gram_rel_error",
        "min_gram_rel_error", "max_gram_rel_error", "exact_gram_norm",
        "cell", "sigma", "kernel_bias", "coefficients", "urf_m", "pairs_from",
    ]

    public static func csv(_ results: [GramCellResult], seed: UInt64) -> String {
        var text = CSVFormat.line(columns) + "\n"
        for r in results {
            let c = r.cell
            let head = cellColumns(c)
            let tail = [CSVFormat.number(c.index)] + SweepTable.parameterCells(c)
            for (t, e) in r.errors.enumerated() {
                text += CSVFormat.line(head + [CSVFormat.number(t), String(seed), CSVFormat.number(r.points), CSVFormat.number(e)] + tail) + "\n"
            }
        }
        return text
    }

    public static func summaryCSV(_ results: [GramCellResult], seed: UInt64) -> String {
        var text = CSVFormat.line(summaryColumns) + "\n"
        for r in results {
            let s = r.statistics
            let cells = cellColumns(r.cell) + [
                CSVFormat.number(s.count), String(seed), CSVFormat.number(r.points),
                CSVFormat.number(s.mean), CSVFormat.number(s.sd), CSVFormat.number(s.stderr), CSVFormat.number(s.median),
                CSVFormat.number(s.min), CSVFormat.number(s.max), CSVFormat.number(r.exactNorm),
                CSVFormat.number(r.cell.index),
            ] + SweepTable.parameterCells(r.cell)
            text += CSVFormat.line(cells) + "\n"
        }
        return text
    }

    static func cellColumns(_ c: Cell) -> [String] {
        [CSVFormat.text(c.kernel), CSVFormat.text(c.estimator), c.projection.rawValue,
         CSVFormat.number(c.dimension), CSVFormat.number(c.features)]
    }
}
