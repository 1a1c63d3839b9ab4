import CGSL

/// Numerical minimisation of a per-row variance over SNNK's M ≥ 0 (ALGORITHMS.md
/// §5.6: "no closed-form optimum here; minimise the closed form numerically").
///
/// 1. Bracket: double an upper end U from 1/8 until the objective rises past both
///    f(U/2) and f(0) (the variance grows like (2M)^(d/2) for large M, so this ends).
/// 2. Scan 256 grid points on [0, U]; where the best point is M = 0, rescan
///    [0, first grid step] up to four times before concluding M* = 0.
/// 3. Refine the interior bracket (a, m, b) with GSL's Brent minimiser
///    (`gsl_min_fminimizer_brent`) to an absolute width of 1e-12 + 1e-10·M.
///
/// The objective is passed in log space (log V1), so no value overflows at large d.
enum URFParameterSearch {
    private static let gslErrorsReturned: Void = { _ = gsl_set_error_handler_off() }()

    static func minimise(_ objective: @escaping (Double) -> Double) -> Double {
        _ = gslErrorsReturned
        let f: (Double) -> Double = { m in
            let v = objective(m)
            return v.isNaN ? .infinity : v
        }
        let f0 = f(0)
        if f0 == -.infinity { return 0 }
        var upper = 0.125
        var previous = f0
        for _ in 0..<60 {
            let v = f(upper)
            if v > previous && v > f0 { break }
            previous = v
            upper *= 2
        }
        let lower = 0.0
        for _ in 0..<5 {
            let count = 256
            let step = (upper - lower) / Double(count)
            let values = (0...count).map { f(lower + Double($0) * step) }
            var best = 0
            for i in values.indices where values[i] < values[best] { best = i }
            if values[best] == -.infinity { return lower + Double(best) * step }
            if best == 0 {
                upper = lower + step
                continue
            }
            if best == count { return upper }
            return brent(f, lower: lower + Double(best - 1) * step, guess: lower + Double(best) * step,
                         upper: lower + Double(best + 1) * step)
        }
        return lower
    }

    /// GSL Brent refinement inside a bracket with f(guess) < f(lower), f(upper).
    private static func brent(_ f: @escaping (Double) -> Double, lower: Double, guess: Double, upper: Double) -> Double {
        final class Box { let f: (Double) -> Double; init(_ f: @escaping (Double) -> Double) { self.f = f } }
        let box = Unmanaged.passRetained(Box(f))
        defer { box.release() }
        var function = gsl_function(
            function: { m, params in
                let v = Unmanaged<Box>.fromOpaque(params!).takeUnretainedValue().f(m)
                return v.isFinite ? v : (v > 0 ? 1e300 : -1e300)
            },
            params: box.toOpaque())
        guard let minimiser = gsl_min_fminimizer_alloc(cgsl_min_brent()) else { return guess }
        defer { gsl_min_fminimizer_free(minimiser) }
        guard gsl_min_fminimizer_set(minimiser, &function, guess, lower, upper) == GSL_SUCCESS else { return guess }
        for _ in 0..<200 {
            guard gsl_min_fminimizer_iterate(minimiser) == GSL_SUCCESS else { break }
            let lo = gsl_min_fminimizer_x_lower(minimiser), hi = gsl_min_fminimizer_x_upper(minimiser)
            if gsl_min_test_interval(lo, hi, 1e-12, 1e-10) == GSL_SUCCESS { break }
        }
        return gsl_min_fminimizer_x_minimum(minimiser)
    }
}
