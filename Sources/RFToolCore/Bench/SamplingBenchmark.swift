import Foundation
import RandomFeatures

/// `rftool bench sampling`: Gaussian sampling from a `RandomStream`, in bulk (Philox blocks
/// computed in SIMD registers, the ziggurat reading them from a local buffer) against one
/// draw at a time, both timed in the same run on the same stream (STYLE.md "speed is
/// measured outside the tests").
///
/// Rows, for every count of values per call:
///
///     words   next        scalar    count calls of RandomStream.next()        (baseline)
///     words   fill-words  <kernel>  RandomStream.fill(words:using:)
///     normal  sequential  scalar    Ziggurat.sequentialFill(_:using:)          (baseline)
///     normal  fill        <kernel>  Ziggurat.fill(_:using:instructionSet:)
///
/// Before timing, each bulk routine is checked against its baseline: the same bits and the
/// same stream state afterwards. The reported figure is the median over samples of the
/// time per value.
public enum SamplingBenchmark {
    /// What to time.
    public struct Configuration: Sendable, Equatable {
        /// Values per call, timed in this order.
        public var counts: [Int]
        /// Timed samples per routine and count (the median is reported).
        public var samples: Int
        /// The compiled kernels to time (default: every one this processor runs).
        public var instructionSets: [HadamardInstructionSet]

        public static let defaultCounts = [1024, 1 << 16]
        public static let countRange = 1...(1 << 24)
        public static let defaultSamples = 15

        public init(counts: [Int] = defaultCounts, samples: Int = defaultSamples,
                    instructionSets: [HadamardInstructionSet] = HadamardInstructionSet.available) {
            self.counts = counts
            self.samples = samples
            self.instructionSets = instructionSets
        }

        /// Parses `--counts`: comma-separated integers from 1 to 2^24.
        public static func parseCounts(_ text: String) throws(RFToolError) -> [Int] {
            let items = text.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
                throw .usage("--counts: expected a comma-separated list of integers from 1 to 16777216; got '\(text)'.")
            }
            return try items.map { item throws(RFToolError) in
                guard let n = Int(item), countRange.contains(n) else {
                    throw .usage("--counts: '\(item)' is not an integer from 1 to 16777216.")
                }
                return n
            }
        }
    }

    /// What a row produces.
    public enum Output: String, Sendable {
        case words, normal
    }

    /// One CSV row: `output,name,kernel,count,ns_per_value,values_per_second,baseline,speedup`.
    public struct Row: Sendable, Equatable {
        public var output: Output
        /// `next`, `fill-words`, `sequential` or `fill`.
        public var name: String
        /// `scalar` for the baselines, else the instruction set of the compiled kernel.
        public var kernel: String
        /// Values per call.
        public var count: Int
        /// Median wall-clock time per value, in nanoseconds.
        public var nanosecondsPerValue: Double
        /// The row `speedup` divides by: `next` for words, `sequential` for normals.
        public var baseline: String
        /// Baseline median / this median (1 for the baseline itself).
        public var speedup: Double

        public var valuesPerSecond: Double { 1e9 / nanosecondsPerValue }
    }

    public static let csvHeader = ["output", "name", "kernel", "count", "ns_per_value", "values_per_second",
                                   "baseline", "speedup"]

    /// The stream every routine draws from (its state carries over from call to call).
    static let seed: UInt64 = 0x5A3F_11E5

    /// Times every count and kernel; `progress` receives one line per measurement.
    /// - Throws: `RFToolError` (software) if a bulk routine disagrees with its baseline.
    public static func run(_ configuration: Configuration, progress: (String) -> Void = { _ in }) throws -> [Row] {
        var rows: [Row] = []
        progress("kernels: " + configuration.instructionSets.map(\.rawValue).joined(separator: ", ")
                 + " (this processor runs " + HadamardInstructionSet.available.map(\.rawValue).joined(separator: ", ") + ")")
        for count in configuration.counts {
            progress("timing words, count = \(count)")
            rows += try words(count: count, configuration: configuration)
            progress("timing normals, count = \(count)")
            rows += try normals(count: count, configuration: configuration)
        }
        return rows
    }

    // MARK: - The two outputs

    static func words(count: Int, configuration: Configuration) throws -> [Row] {
        var buffer = [UInt64](repeating: 0, count: count)
        var stream = RandomStream(seed: seed)
        let baseline = time(samples: configuration.samples, count: count) {
            for i in 0..<count { buffer[i] = stream.next() }
        }
        var rows = [row(.words, "next", "scalar", count, baseline, baseline: "next", baselineTime: baseline)]
        for set in configuration.instructionSets {
            try checkWords(count: count, set: set)
            let median = time(samples: configuration.samples, count: count) {
                buffer.withUnsafeMutableBufferPointer { stream.fill(words: $0, using: set) }
            }
            rows.append(row(.words, "fill-words", set.rawValue, count, median, baseline: "next", baselineTime: baseline))
        }
        return rows
    }

    static func normals(count: Int, configuration: Configuration) throws -> [Row] {
        var buffer = [Double](repeating: 0, count: count)
        var stream = RandomStream(seed: seed)
        let baseline = time(samples: configuration.samples, count: count) {
            buffer.withUnsafeMutableBufferPointer { Ziggurat.sequentialFill($0, using: &stream) }
        }
        var rows = [row(.normal, "sequential", "scalar", count, baseline, baseline: "sequential", baselineTime: baseline)]
        for set in configuration.instructionSets {
            try checkNormals(count: count, set: set)
            let median = time(samples: configuration.samples, count: count) {
                buffer.withUnsafeMutableBufferPointer { Ziggurat.fill($0, using: &stream, instructionSet: set) }
            }
            rows.append(row(.normal, "fill", set.rawValue, count, median, baseline: "sequential", baselineTime: baseline))
        }
        return rows
    }

    // MARK: - Agreement with the baselines

    /// Three calls in a row (so a buffered word is met too) against `next()`.
    static func checkWords(count: Int, set: HadamardInstructionSet) throws {
        var reference = RandomStream(seed: seed), bulk = reference
        for call in 0..<3 {
            let expected = (0..<count).map { _ in reference.next() }
            var words = [UInt64](repeating: 0, count: count)
            words.withUnsafeMutableBufferPointer { bulk.fill(words: $0, using: set) }
            guard words == expected, bulk == reference else {
                throw RFToolError(.software, "fill-words (\(set.rawValue)) disagrees with next() at count = \(count), call \(call + 1)")
            }
        }
    }

    static func checkNormals(count: Int, set: HadamardInstructionSet) throws {
        var reference = RandomStream(seed: seed), bulk = reference
        for call in 0..<3 {
            var expected = [Double](repeating: 0, count: count), values = expected
            expected.withUnsafeMutableBufferPointer { Ziggurat.sequentialFill($0, using: &reference) }
            values.withUnsafeMutableBufferPointer { Ziggurat.fill($0, using: &bulk, instructionSet: set) }
            guard values.map(\.bitPattern) == expected.map(\.bitPattern), bulk == reference else {
                throw RFToolError(.software, "fill (\(set.rawValue)) disagrees with sequential at count = \(count), call \(call + 1)")
            }
        }
    }

    // MARK: - Timing

    /// Median nanoseconds per value of `call`, which produces `count` values; each sample
    /// times about 5 ms of calls.
    static func time(samples: Int, count: Int, _ call: () -> Void) -> Double {
        let loops = Stopwatch.calibrateInnerLoops(target: 0.005, call)
        return Stopwatch.medianNanoseconds(repetitions: max(1, samples), innerLoops: loops, warmup: 1, call)
            / Double(count)
    }

    static func row(_ output: Output, _ name: String, _ kernel: String, _ count: Int, _ median: Double,
                    baseline: String, baselineTime: Double) -> Row {
        Row(output: output, name: name, kernel: kernel, count: count,
            nanosecondsPerValue: TransformBenchmark.rounded(median, places: 3), baseline: baseline,
            speedup: TransformBenchmark.rounded(baselineTime / median, places: 3))
    }
}
