import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Makes OpenBLAS use the compute kernels this CPU supports.
///
/// Debian's OpenBLAS is built with DYNAMIC_ARCH and picks its kernels from the
/// CPU model when the library loads. On virtual machines that report a generic
/// model name ("Intel Xeon Processor") it falls back to its oldest x86-64 core,
/// Prescott (SSE3), even where the CPU has AVX2 or AVX-512 — several times
/// slower for GEMM. OpenBLAS honours `OPENBLAS_CORETYPE` only at load time, so
/// when the detected core is Prescott and the CPU's flags allow better, the
/// process re-executes itself once with `OPENBLAS_CORETYPE` set from the flags
/// (SkylakeX for AVX-512 F/CD/BW/DQ/VL, Haswell for AVX2+FMA). A user's own
/// `OPENBLAS_CORETYPE` is always respected.
///
/// The choice is a function of the CPU's flags, so results are reproducible on
/// machines of one kind; GEMM kernels differ in their last bits between cores.
public enum OpenBLASCoreSelection {
    /// The core OpenBLAS is running with (e.g. "SkylakeX").
    public static var currentCore: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The OPENBLAS_CORETYPE value for this CPU's flags, or nil if none applies.
    public static func preferredCore(cpuFlags: Set<String>) -> String? {
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(cpuFlags.contains) { return "SkylakeX" }
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The flags of the first CPU in /proc/cpuinfo (empty where unreadable).
    public static func cpuFlags() -> Set<String> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            let text = String(cString: line!)
            if text.hasPrefix("flags") {
                let parts = text.split(separator: ":", maxSplits: 1)
                guard parts.count == 2 else { return [] }
                return Set(parts[1].split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
            }
        }
        return []
    }

    /// Re-executes the current process with OPENBLAS_CORETYPE set when OpenBLAS
    /// fell back to Prescott on a CPU that supports better kernels. Returns
    /// (without re-executing) in every other case, or if exec fails.
    public static func reexecIfFallback() {
        guard getenv("OPENBLAS_CORETYPE") == nil, getenv("RFTOOL_OPENBLAS_REEXEC") == nil else { return }
        guard currentCore.lowercased() == "prescott", let core = preferredCore(cpuFlags: cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv("RFTOOL_OPENBLAS_REEXEC", "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // exec failed: carry on with the slower kernels.
    }
}
