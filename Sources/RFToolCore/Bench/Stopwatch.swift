import Foundation

/// Wall-clock timing for `rftool bench`: never used in tests.
public enum Stopwatch {
    /// Nanoseconds of a monotonic clock.
    @inlinable
    public static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// The median of `repetitions` timings (ns) of `body`, each timing covering
    /// `innerLoops` calls (divided back out), after `warmup` untimed calls.
    public static func medianNanoseconds(repetitions: Int = 15, innerLoops: Int = 1, warmup: Int = 2,
                                         _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var samples = [Double]()
        samples.reserveCapacity(repetitions)
        for _ in 0..<repetitions {
            let start = now()
            for _ in 0..<innerLoops { body() }
            samples.append(Double(now() - start) / Double(innerLoops))
        }
        samples.sort()
        let mid = samples.count / 2
        return samples.count % 2 == 1 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2
    }

    /// Picks an inner-loop count so that one timed repetition lasts about `target` seconds.
    public static func calibrateInnerLoops(target: Double = 0.01, _ body: () -> Void) -> Int {
        let start = now()
        body()
        let once = max(1.0, Double(now() - start))
        return max(1, min(1_000_000, Int(target * 1e9 / once)))
    }
}
