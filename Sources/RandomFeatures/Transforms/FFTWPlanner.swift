import Synchronization

/// The one process-wide lock for FFTW's planner.
///
/// FFTW 3 guarantees thread safety only for the execute functions (`fftw_execute`
/// and its new-array variants; FFTW manual, "Thread safety"). Every planner call
/// (`fftw_plan_*`, `fftwf_plan_*`, wisdom functions) and every `fftw_destroy_plan` /
/// `fftwf_destroy_plan` must therefore run inside `FFTWPlanner.withLock { … }`,
/// whichever module makes it, so that plans made concurrently never race
/// (ALGORITHMS.md §8.15, STYLE.md "Facts about the libraries").
///
///     let plan = FFTWPlanner.withLock { fftwf_plan_r2r_1d(…) }
///     …
///     fftwf_execute(plan)                                   // no lock needed
///     FFTWPlanner.withLock { fftwf_destroy_plan(plan) }
package enum FFTWPlanner {
    private static let mutex = Mutex<Void>(())

    /// Runs `body` while holding the process-wide FFTW planner lock.
    ///
    /// Not reentrant: `body` must not call `withLock` again.
    package static func withLock<T>(_ body: () throws -> T) rethrows -> T {
        try mutex.withLock { _ in try body() }
    }
}
