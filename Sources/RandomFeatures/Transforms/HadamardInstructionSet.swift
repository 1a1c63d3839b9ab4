#if canImport(Glibc)
import Glibc
#endif

/// The compiled variants of the FWHT kernels (and of the other SIMD kernels: cos/sin,
/// Philox, ziggurat), one per instruction set.
///
/// Swift has no per-function target attribute, so each variant lives in its own
/// target compiled with its own flags (`_HadamardKernelsAVX2`,
/// `_HadamardKernelsAVX512`), and the transform picks the best one the processor
/// supports, once per process. Every variant computes bit-identical results.
public enum HadamardInstructionSet: String, CaseIterable, Sendable, Comparable {
    /// Generic 128-bit SIMD code compiled without extra flags: NEON on arm64, SSE2 on x86-64.
    case portable
    /// AVX2 and FMA (Intel Haswell, AMD Excavator and later): 8-Float registers.
    case avx2
    /// AVX-512 F, DQ, BW and VL (Intel Skylake-SP, AMD Zen 4 and later): 16-Float registers.
    case avx512

    /// The variants this processor can run, in increasing order.
    public static let available: [HadamardInstructionSet] = detect()

    /// The variant `FastWalshHadamardTransform` uses.
    public static let best: HadamardInstructionSet = available.max() ?? .portable

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Reads the processor's feature flags as the operating system reports them
    /// (Linux lists a flag only if the kernel also saves the registers it needs).
    static func detect() -> [HadamardInstructionSet] {
        #if arch(x86_64) && os(Linux)
        let flags = cpuFlags()
        var sets: [HadamardInstructionSet] = [.portable]
        if flags.isSuperset(of: ["avx2", "fma"]) {
            sets.append(.avx2)
            if flags.isSuperset(of: ["avx512f", "avx512dq", "avx512bw", "avx512vl"]) { sets.append(.avx512) }
        }
        return sets
        #else
        return [.portable]
        #endif
    }

    #if arch(x86_64) && os(Linux)
    /// The `flags` line of /proc/cpuinfo (first processor), as a set of words.
    static func cpuFlags() -> Set<String> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags") else { continue }
            guard let colon = text.firstIndex(of: ":") else { return [] }
            return Set(text[text.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        }
        return []
    }
    #endif
}
