import RandomFeatures
import RealModule

/// The outcome of one acceptance check: a status and one line of detail.
public struct AcceptanceOutcome: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case pass = "PASS", fail = "FAIL", skip = "SKIP"
    }
    public let check: String
    public let status: Status
    public let detail: String

    public init(check: String, status: Status, detail: String) {
        self.check = check
        self.status = status
        self.detail = detail
    }

    /// `PASS bias: …`, the line the command prints.
    public var line: String { "\(status.rawValue) \(check): \(detail)" }
}

/// The acceptance checks of ALGORITHMS.md §7.1, evaluated on a sweep's results,
/// plus the reference ratios of §5.2/§7.2 for the `orf-vs-iid` preset.
public enum AcceptanceCheck: String, Sendable, CaseIterable, Codable {
    /// 1. |bias| ≤ 5·bias_se for estimators documented as unbiased.
    case bias
    /// 2. |variance/variance_theory − 1| ≤ 5·SE_ratio, SE from the fourth moment (theory where known, else empirical).
    /// at the pairs where that test has power (see `varianceCheck`).
    case variance
    /// 3. slope of log mse against log m is −1 ± 0.1 for iid projections.
    case rate
    /// 4. ORF variance ≤ iid variance at z ≤ 2 for m ≥ d.
    case orthogonalVsIID = "orthogonal-vs-iid"
    /// The measured ORF/iid variance ratios of ALGORITHMS.md §5.2 at d = m = 64.
    case orfReference = "orf-reference"

    /// Projections whose estimates are biased by construction and so are not
    /// held to the bias check: SORF rows have a fixed norm (ALGORITHMS.md §2.3).
    public static let biasedProjections: Set<ProjectionKind> = [.sorf]

    /// Below this standard error the bias check compares with a rounding floor,
    /// 1e-12·max(1, |k|), instead (an estimator with zero variance, e.g. at x = y).
    static let roundingFloor = 1e-12

    public func evaluate(_ results: [CellResult]) -> [AcceptanceOutcome] {
        evaluate(results.map(CheckCell.init))
    }

    public func evaluate(_ results: [CheckCell]) -> [AcceptanceOutcome] {
        switch self {
        case .bias: return [Self.biasCheck(results)]
        case .variance: return [Self.varianceCheck(results)]
        case .rate: return [Self.rateCheck(results)]
        case .orthogonalVsIID: return [Self.orthogonalCheck(results)]
        case .orfReference: return Self.orfReferenceChecks(results)
        }
    }

    // MARK: - 1. Bias

    static func biasCheck(_ results: [CheckCell]) -> AcceptanceOutcome {
        var tested = 0, failed = 0, excluded = 0
        var worst: (score: Double, text: String)? = nil
        for r in results {
            if biasedProjections.contains(r.projection) {
                excluded += r.pairs.count
                continue
            }
            for (p, s) in r.pairs.enumerated() {
                tested += 1
                let floor = roundingFloor * max(1, abs(s.exact))
                let ok = abs(s.bias) <= 5 * s.biasSE + floor
                if !ok { failed += 1 }
                // A bias within the rounding floor scores 0: its SE may be rounding noise too
                // (a deterministic estimate, e.g. positive features at y = −x).
                let score = abs(s.bias) <= floor ? 0 : (s.biasSE > 0 ? abs(s.bias) / s.biasSE : .infinity)
                if worst == nil || score > worst!.score {
                    worst = (score, "\(r.label) pair \(p): bias \(s.bias), \(format(score)) SE")
                }
            }
        }
        let note = excluded > 0 ? "; \(excluded) SORF rows excluded (biased by construction, ALGORITHMS.md §2.3)" : ""
        guard tested > 0, let worst else {
            return AcceptanceOutcome(check: "bias", status: .skip, detail: "no cell of an unbiased estimator\(note)")
        }
        return AcceptanceOutcome(check: "bias", status: failed == 0 ? .pass : .fail,
                                 detail: "\(tested - failed) of \(tested) (cell, pair) rows within 5 bias_se; worst \(worst.text)\(note)")
    }

    // MARK: - 2. Variance against theory

    /// The largest relative SE of the sample variance, from theory, at which the
    /// variance check still tests a pair: 1/5 (see `varianceCheck`).
    public static let maximumVarianceRatioSETheory = 0.2

    /// ALGORITHMS.md §7.1 check 2: |s²/σ² − 1| ≤ 5·SE_ratio with σ² = variance_theory
    /// and SE_ratio = `variance_ratio_se`, √((m̂4 − s⁴)/T)/σ² from the empirical fourth
    /// central moment m̂4, at every (cell, pair) with a variance theory, except:
    ///
    /// 1. **Infinite fourth moment** (`hasFiniteFourthMoment` false, so no
    ///    `variance_ratio_se`): s² has no standard error; skipped as before.
    /// 2. **No power** `[derived here]`. Where the estimator knows μ₄ of one estimate
    ///    (`fourthCentralMomentTheory`), the exact relative SE of s² over T trials is
    ///
    ///        ρ = SE(s²)/σ² = √((μ₄/σ⁴ − (T − 3)/(T − 1))/T)        (`IIDMoments`)
    ///
    ///    and the pair is skipped when ρ > 1/5. Why 1/5: the check accepts ratios within
    ///    1 ± 5 SE, and with ρ > 1/5 that band, at the SE s² really has, holds both 0 and
    ///    2: neither a zero variance nor twice the theory could fail, so the pair cannot
    ///    test the theory (no power against a 100% error). It is also where the empirical
    ///    SE cannot be trusted: ρ > 1/5 means a kurtosis μ₄/σ⁴ > 1 + T/25 (41 at T = 1000),
    ///    whose fourth moment is made of draws so rare that T trials mostly miss them, so
    ///    m̂4, and with it SE_ratio, is typically far too small. Seen with gauss-activation
    ///    urf at r = 1: ratio 0.18 at "28 SE" at T = 1000, while the sample variance
    ///    converges to the theory as T grows (0.326, 0.188, 0.1685 at T = 1e3, 2e4, 4e5 vs
    ///    0.1655); at the 70 such rows of the committed protocol run ρ is 19 to 9·10¹¹. Seen
    ///    too with exp's positive, urf and hyperbolic features at r = 1, d = 16 (ratios 0.52
    ///    to 0.73 at 5.3 to 9.8 "SE", where ρ is 0.50 to 3.6).
    ///    Below the threshold the pair is tested with that exact SE ρ: the empirical SE
    ///    estimates the same quantity from m̂4, which heavy tails bias low (the protocol's
    ///    maclaurin pair with kurtosis 11: empirical 0.046 against ρ = 0.102). Pairs whose μ₄
    ///    is unknown (nil) are always tested, with the empirical SE.
    ///
    /// The detail line counts the rows of each kind that were skipped.
    static func varianceCheck(_ results: [CheckCell]) -> AcceptanceOutcome {
        var tested = 0, failed = 0, infiniteFourth = 0, noPower = 0
        var worst: (score: Double, text: String)? = nil
        for r in results {
            for (p, s) in r.pairs.enumerated() {
                guard let ratio = s.varianceRatio else { continue }
                guard let empiricalSE = s.varianceRatioSE, empiricalSE.isFinite else {
                    infiniteFourth += 1
                    continue
                }
                if let rho = s.varianceRatioSETheory, !(rho <= maximumVarianceRatioSETheory) {
                    noPower += 1
                    continue
                }
                tested += 1
                // The exact SE where the fourth moment is known, else the empirical one.
                let se = s.varianceRatioSETheory ?? empiricalSE
                let deviation = abs(ratio - 1)
                let ok = deviation <= 5 * se
                if !ok { failed += 1 }
                let score = se > 0 ? deviation / se : (deviation == 0 ? 0 : .infinity)
                if worst == nil || score > worst!.score {
                    worst = (score, "\(r.label) pair \(p): ratio \(format(ratio)), \(format(score)) SE")
                }
            }
        }
        var skipped: [String] = []
        if infiniteFourth > 0 { skipped.append("\(infiniteFourth) with an infinite fourth moment") }
        if noPower > 0 {
            skipped.append("\(noPower) whose relative SE of the variance from the theoretical fourth moment exceeds 1/5 (too heavy-tailed for T trials to test)")
        }
        let note = skipped.isEmpty ? "" : "; rows skipped: \(skipped.joined(separator: ", "))"
        guard tested > 0, let worst else {
            let reason = skipped.isEmpty ? "no cell has a variance theory" : "no row can be tested\(note)"
            return AcceptanceOutcome(check: "variance", status: .skip, detail: reason)
        }
        return AcceptanceOutcome(check: "variance", status: failed == 0 ? .pass : .fail,
                                 detail: "\(tested - failed) of \(tested) (cell, pair) rows with variance/theory within 1 ± 5 SE (fourth-moment SE: from theory where known, else empirical); worst \(worst.text)\(note)")
    }

    // MARK: - 3. Rate

    /// ALGORITHMS.md §7.1 check 3: the least-squares slope of log(mean mse over pairs)
    /// against log m is −1 ± 0.1, for every iid series (cells that differ only in m).
    ///
    /// A series is skipped, and counted in the detail line, when one of its cells has a pair
    /// the variance check cannot test for heavy tails (an infinite fourth moment, or a
    /// relative SE of the variance from the theoretical fourth moment above 1/5)
    /// `[derived here]`: for an unbiased estimator the MSE over T trials is the mean of e²,
    /// whose relative SE is that same ρ, so that cell's log mse carries an SE above 0.2, and
    /// a slope through seven such points (m = 16…1024) has an SE of several hundredths at
    /// best: the ±0.1 band is then no test, and the empirical MSE, like the empirical
    /// variance, is mostly made of the draws T trials miss.
    static func rateCheck(_ results: [CheckCell]) -> AcceptanceOutcome {
        var series: [String: (label: String, points: [(m: Int, mse: Double)], heavyTailed: Bool)] = [:]
        var order: [String] = []
        for r in results where r.projection == .iid {
            let key = r.seriesKey(features: nil)
            if series[key] == nil {
                order.append(key)
                series[key] = ("\(r.kernel)/\(r.estimator) d=\(r.dimension)\(r.radius.map { " r=\($0)" } ?? "")", [], false)
            }
            series[key]!.points.append((r.features, r.meanMSE))
            let untestable = r.pairs.contains { pair in
                guard pair.varianceRatio != nil else { return false }
                if !(pair.varianceRatioSE?.isFinite ?? false) { return true }
                if let rho = pair.varianceRatioSETheory, !(rho <= maximumVarianceRatioSETheory) { return true }
                return false
            }
            if untestable { series[key]!.heavyTailed = true }
        }
        var tested = 0, failed: [String] = [], heavyTailed = 0
        var worst: (deviation: Double, text: String)? = nil
        for key in order {
            let s = series[key]!
            if s.heavyTailed {
                heavyTailed += 1
                continue
            }
            let points = s.points.filter { $0.mse > 0 }
            guard Set(points.map(\.m)).count >= 3,
                  let fit = LinearFit(x: points.map { Double.log(Double($0.m)) }, y: points.map { Double.log($0.mse) })
            else { continue }
            tested += 1
            let deviation = abs(fit.slope + 1)
            if deviation > 0.1 { failed.append("\(s.label): \(format(fit.slope))") }
            if worst == nil || deviation > worst!.deviation {
                worst = (deviation, "\(s.label): slope \(format(fit.slope))")
            }
        }
        let note = heavyTailed == 0 ? ""
            : "; \(heavyTailed) series skipped (a cell with pairs too heavy-tailed for T trials, as in the variance check)"
        guard tested > 0, let worst else {
            return AcceptanceOutcome(check: "rate", status: .skip, detail: "no iid series with three or more feature counts\(note)")
        }
        let failures = failed.isEmpty ? "" : "; outside: \(failed.prefix(5).joined(separator: ", "))\(failed.count > 5 ? ", …" : "")"
        return AcceptanceOutcome(check: "rate", status: failed.isEmpty ? .pass : .fail,
                                 detail: "\(tested - failed.count) of \(tested) iid series with slope of log mse vs log m in −1 ± 0.1; worst \(worst.text)\(failures)\(note)")
    }

    // MARK: - 4. Orthogonal against iid

    static func orthogonalCheck(_ results: [CheckCell]) -> AcceptanceOutcome {
        var iid: [String: CheckCell] = [:]
        for r in results where r.projection == .iid {
            iid[r.seriesKey(features: r.features)] = r
        }
        var tested = 0, failed = 0
        var worst: (score: Double, text: String)? = nil
        for r in results where r.projection == .orthogonal && r.features >= r.dimension {
            guard let base = iid[r.seriesKey(features: r.features)] else { continue }
            for p in r.pairs.indices {
                guard let z = r.pairs[p].z, z <= 2 else { continue }
                let o = r.pairs[p], i = base.pairs[p]
                let se = (o.varianceSE * o.varianceSE + i.varianceSE * i.varianceSE).squareRoot()
                let excess = o.variance - i.variance
                tested += 1
                if excess > 5 * se { failed += 1 }
                let score = se > 0 ? excess / se : 0
                if worst == nil || score > worst!.score {
                    worst = (score, "\(r.label) pair \(p) (z = \(format(z))): \(format(o.variance)) vs iid \(format(i.variance))")
                }
            }
        }
        guard tested > 0, let worst else {
            return AcceptanceOutcome(check: "orthogonal-vs-iid", status: .skip,
                                     detail: "no orthogonal cell with an iid twin, m ≥ d and pairs at z ≤ 2")
        }
        return AcceptanceOutcome(check: "orthogonal-vs-iid", status: failed == 0 ? .pass : .fail,
                                 detail: "\(tested - failed) of \(tested) pairs (z ≤ 2, m ≥ d) with orthogonal variance ≤ iid + 5 SE; closest \(worst.text)")
    }

    // MARK: - Reference ratios (orf-vs-iid)

    /// ORF/iid variance ratio of the Gaussian kernel's trig features at
    /// d = m = 64, measured with 6000 trials (ALGORITHMS.md §5.2 and §7.2),
    /// with the precision the reference is quoted to: half its last digit,
    /// and the stated ±0.02 at z = 3 ("≈ 1 (1.02 ± 0.02)"). At z = 2 §5.2 gives
    /// 0.70 and the issue 0.71; the tolerance 0.01 covers both.
    public static let orfReferenceRatios: [(z: Double, ratio: Double, precision: Double)] = [
        (1, 0.10, 0.005), (1.5, 0.34, 0.005), (2, 0.70, 0.01), (3, 1.02, 0.02),
    ]

    /// For every z of the table: the ratio of the mean ORF variance to the mean
    /// iid variance over the pairs at that z, against the reference, within
    /// 5·SE + the reference's precision. SE by the delta method,
    /// R·√((SE_A/A)² + (SE_B/B)²), with SE_A the mean of the pairs' variance SEs
    /// (an upper bound: the pairs of one cell share their trials' randomness).
    static func orfReferenceChecks(_ results: [CheckCell]) -> [AcceptanceOutcome] {
        let candidates = results.filter { $0.kernel == "gaussian" && $0.dimension == 64 && $0.features == 64 }
        var outcomes: [AcceptanceOutcome] = []
        for o in candidates where o.projection == .orthogonal {
            guard let i = candidates.first(where: { $0.projection == .iid && $0.seriesKey(features: 64) == o.seriesKey(features: 64) })
            else { continue }
            for reference in orfReferenceRatios {
                let pairs = o.pairs.indices.filter { p in o.pairs[p].z.map { abs($0 - reference.z) < 1e-9 } ?? false }
                guard !pairs.isEmpty else { continue }
                let a = CellSummary.mean(pairs.map { o.pairs[$0].variance })!
                let b = CellSummary.mean(pairs.map { i.pairs[$0].variance })!
                let seA = CellSummary.mean(pairs.map { o.pairs[$0].varianceSE })!
                let seB = CellSummary.mean(pairs.map { i.pairs[$0].varianceSE })!
                let ratio = a / b
                let se = ratio * ((seA / a) * (seA / a) + (seB / b) * (seB / b)).squareRoot()
                let ok = abs(ratio - reference.ratio) <= 5 * se + reference.precision
                outcomes.append(AcceptanceOutcome(
                    check: "orf-reference", status: ok ? .pass : .fail,
                    detail: "\(o.estimator) orthogonal/iid variance ratio at z = \(format(reference.z)), d = m = 64: \(format(ratio)) ± \(format(se)) (\(pairs.count) pairs); reference \(format(reference.ratio)) ± \(format(reference.precision)) (ALGORITHMS.md §5.2)"))
            }
        }
        if outcomes.isEmpty {
            return [AcceptanceOutcome(check: "orf-reference", status: .skip,
                                      detail: "needs gaussian cells at d = m = 64 with iid and orthogonal projections and the shift-invariant pair design")]
        }
        return outcomes
    }

    // MARK: - Helpers

    /// Four significant digits, for messages only (never for data).
    static func format(_ x: Double) -> String {
        guard x.isFinite else { return "\(x)" }
        if x == 0 { return "0" }
        let digits = max(0, 3 - Int(Double.log10(abs(x)).rounded(.down)))
        let scale = Double.pow(10, Double(min(digits, 12)))
        return "\((x * scale).rounded() / scale)"
    }
}
