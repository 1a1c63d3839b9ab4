import CFFTW
import Foundation
import RandomFeatures

/// `rftool bench transforms`: the project's fast Walsh–Hadamard transform (`fwht`)
/// against FFTW's route to the same transform (`fftw-wht`, a 2×…×2 R2HC guru plan
/// made with FFTW_MEASURE), both timed in the same run on the same inputs
/// (ALGORITHMS.md §3; STYLE.md "speed is measured outside the tests").
///
/// Both are timed unnormalised and in place, single-threaded. Each sample refills the
/// buffer (untimed) and then times a few back-to-back calls, few enough that values
/// grown by repeated transforms stay finite; the reported figure is the median over
/// samples of the time per call.
public enum TransformBenchmark {
    /// The scalar type a transform runs in.
    public enum Precision: String, CaseIterable, Sendable {
        case float, double
    }

    /// What to time.
    public struct Configuration: Sendable, Equatable {
        /// Transform lengths n (powers of two in `sizeRange`), timed in this order.
        public var sizes: [Int]
        public var precisions: [Precision]
        /// Timed samples per transform, size and precision (the median is reported).
        public var samples: Int
        /// The compiled FWHT kernel to time (default: the best this processor runs).
        public var instructionSet: HadamardInstructionSet

        /// 2^24 is accepted but not a default: FFTW_MEASURE planning and timing at 2^24 take ~25 s.
        public static let defaultSizes = [1 << 10, 1 << 16, 1 << 20]
        public static let sizeRange = 2...(1 << 24)
        public static let defaultSamples = 15

        public init(sizes: [Int] = defaultSizes, precisions: [Precision] = Precision.allCases,
                    samples: Int = defaultSamples, instructionSet: HadamardInstructionSet = .best) {
            self.sizes = sizes
            self.precisions = precisions
            self.samples = samples
            self.instructionSet = instructionSet
        }

        /// Parses `--sizes`: comma-separated lengths, each a power of two written as
        /// `1024` or `2^10`, between 2 and 2^24.
        public static func parseSizes(_ text: String) throws(RFToolError) -> [Int] {
            let items = text.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
                throw .usage("--sizes: expected a comma-separated list of powers of two from 2 to 2^24 (16777216); got '\(text)'.")
            }
            return try items.map { item throws(RFToolError) in
                var value: Int?
                if item.hasPrefix("2^") {
                    if let k = Int(item.dropFirst(2)), (0..<62).contains(k) { value = 1 << k }
                } else {
                    value = Int(item)
                }
                guard let n = value, sizeRange.contains(n), n.nonzeroBitCount == 1 else {
                    throw .usage("--sizes: '\(item)' is not a power of two from 2 to 2^24 (16777216).")
                }
                return n
            }
        }
    }

    /// One CSV row: `name,n,precision,median_ns,baseline,speedup`.
    public struct Row: Sendable, Equatable {
        /// `fwht` (this project) or `fftw-wht` (FFTW's route).
        public var name: String
        public var n: Int
        public var precision: Precision
        /// Median wall-clock time of one transform, in nanoseconds.
        public var medianNanoseconds: Double
        /// The row `speedup` divides by: always `fftw-wht`.
        public var baseline: String
        /// Baseline median / this median (1 for the baseline itself).
        public var speedup: Double
    }

    public static let csvHeader = ["name", "n", "precision", "median_ns", "baseline", "speedup"]
    public static let fwhtName = "fwht"
    public static let fftwName = "fftw-wht"

    /// Times every size and precision; `progress` receives one line per measurement.
    /// - Throws: `RFToolError` (software) if planning fails or the two transforms disagree.
    public static func run(_ configuration: Configuration, progress: (String) -> Void = { _ in }) throws -> [Row] {
        var rows: [Row] = []
        progress("\(fwhtName): \(configuration.instructionSet.rawValue) kernel (this processor runs "
                 + HadamardInstructionSet.available.map(\.rawValue).joined(separator: ", ")
                 + "); \(fftwName): \(String(cString: cfftw_version())), FFTW_MEASURE")
        for n in configuration.sizes {
            for precision in configuration.precisions {
                progress("timing \(fwhtName) (\(configuration.instructionSet.rawValue) kernel) and \(fftwName), "
                         + "n = \(n), \(precision.rawValue)")
                let set = configuration.instructionSet
                let (fast, fftw): (Double, Double)
                switch precision {
                case .float:
                    (fast, fftw) = try timePair(n: n, samples: configuration.samples) { (p: UnsafeMutablePointer<Float>, l) in
                        FastWalshHadamardTransform.transform(p, log2Count: l, using: set)
                    }
                case .double:
                    (fast, fftw) = try timePair(n: n, samples: configuration.samples) { (p: UnsafeMutablePointer<Double>, l) in
                        FastWalshHadamardTransform.transform(p, log2Count: l, using: set)
                    }
                }
                rows.append(Row(name: fwhtName, n: n, precision: precision,
                                medianNanoseconds: rounded(fast, places: 1), baseline: fftwName,
                                speedup: rounded(fftw / fast, places: 3)))
                rows.append(Row(name: fftwName, n: n, precision: precision,
                                medianNanoseconds: rounded(fftw, places: 1), baseline: fftwName, speedup: 1))
            }
        }
        return rows
    }

    // MARK: - Timing

    /// Medians (ns per call) of the FWHT and of FFTW's route on the same input.
    static func timePair<S: BLASScalar>(
        n: Int, samples: Int, fwht transform: (UnsafeMutablePointer<S>, Int) -> Void
    ) throws -> (fwht: Double, fftw: Double) {
        let log2Count = n.trailingZeroBitCount
        // Uniform in [−1, 1): a fixed, data-independent workload.
        var generator = SplitMix64(seed: 0x5eed_0000 + UInt64(log2Count))
        let source = (0..<n).map { _ in S(2 * Sampling.uniform(using: &generator) - 1) }

        let plan: FFTWHadamardPlan<S>
        do {
            plan = try FFTWHadamardPlan<S>(log2Count: log2Count, rigor: .measure)
        } catch {
            throw RFToolError(.software, "\(error)")
        }
        let raw = UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<S>.stride, alignment: 64)
        defer { raw.deallocate() }
        let buffer = raw.bindMemory(to: S.self, capacity: n)
        buffer.initialize(from: source, count: n)

        transform(buffer, log2Count)
        try checkAgreement(plan: plan, transformed: buffer, source: source)

        let maxCalls = callsKeepingValuesFinite(S.self, log2Count: log2Count)
        let fwht = medianNanoseconds(samples: samples, maxCallsPerSample: maxCalls,
            refill: { buffer.update(from: source, count: n) },
            call: { transform(buffer, log2Count) })
        let fftw = medianNanoseconds(samples: samples, maxCallsPerSample: maxCalls,
            refill: { plan.withUnsafeMutableBuffer { _ = $0.update(fromContentsOf: source) } },
            call: { plan.execute() })
        return (fwht, fftw)
    }

    /// The two routes compute H·x: each output within γ_L·Σ|x| of the exact value
    /// (depth-L summation trees), so they differ by at most twice that.
    static func checkAgreement<S: BLASScalar>(
        plan: FFTWHadamardPlan<S>, transformed buffer: UnsafeMutablePointer<S>, source: [S]
    ) throws {
        let n = source.count, log2Count = plan.log2Count
        let viaFFTW = plan.withUnsafeMutableBuffer { target -> [S] in
            _ = target.update(fromContentsOf: source)
            plan.execute()
            return Array(target)
        }
        let u = Double(S.ulpOfOne) / 2, k = Double(log2Count)
        let bound = 2 * (k * u / (1 - k * u)) * source.reduce(0) { $0 + abs($1.doubleValue) }
        var worst = 0.0
        for i in 0..<n { worst = max(worst, abs(buffer[i].doubleValue - viaFFTW[i].doubleValue)) }
        guard worst <= bound else {
            throw RFToolError(.software, "fwht and fftw-wht disagree at n = \(n): \(worst) > \(bound)")
        }
    }

    /// With |x| ≤ 1, k unnormalised transforms give |values| ≤ n^⌈k/2⌉ (H·H = n·I), so
    /// k ≤ 2·(maxExponent − 2)/log2(n) − 1 calls stay finite.
    static func callsKeepingValuesFinite<S: BinaryFloatingPoint>(_: S.Type, log2Count: Int) -> Int {
        let maxExponent = Int(S.greatestFiniteMagnitude.exponent)
        return max(1, 2 * (maxExponent - 2) / max(1, log2Count) - 1)
    }

    /// Median over `samples` of the time per call, each sample timing up to
    /// `maxCallsPerSample` calls (about 2 ms worth) after an untimed refill.
    static func medianNanoseconds(samples: Int, maxCallsPerSample: Int,
                                  refill: () -> Void, call: () -> Void) -> Double {
        // Warm-up, then a calibration call.
        refill(); call(); refill()
        let start = Stopwatch.now()
        call()
        let once = max(1.0, Double(Stopwatch.now() - start))
        let calls = max(1, min(maxCallsPerSample, Int(2e6 / once)))
        var times = [Double]()
        times.reserveCapacity(samples)
        for _ in 0..<max(1, samples) {
            refill()
            let t0 = Stopwatch.now()
            for _ in 0..<calls { call() }
            times.append(Double(Stopwatch.now() - t0) / Double(calls))
        }
        times.sort()
        let mid = times.count / 2
        return times.count % 2 == 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2
    }

    static func rounded(_ value: Double, places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
