#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Keeps glibc's malloc from returning every large block to the kernel.
///
/// A sweep trial allocates a few matrices of n × 2m doubles (1.6 MB at 100
/// pairs and m = 1024) and frees them again. Above glibc's mmap threshold each
/// such block is a fresh `mmap` whose pages the kernel must fault in and zero,
/// then `munmap` on free: measured at 15 % of a trig sweep's CPU time (system
/// time 0.50 s of 3.0 s for 200 trials at d = 64, m = 1024, 100 pairs; 0.01 s
/// with this tuning, user time unchanged). Raising the mmap threshold to
/// 256 MB and the trim threshold to 512 MB keeps such blocks in the heap for
/// reuse (`mallopt(3)`). Applied once per process; a no-op off glibc.
///
/// Swift's Glibc module does not export `<malloc.h>`, so `mallopt` is looked up
/// with `dlsym` and called with glibc's parameter numbers (`M_TRIM_THRESHOLD` =
/// −1, `M_MMAP_THRESHOLD` = −3, from `<malloc.h>`).
public enum AllocatorTuning {
    private static let applied = Atomic<Bool>(false)

    public static func applyOnce() {
        guard !applied.exchange(true, ordering: .relaxed) else { return }
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3
        _ = mallopt(mmapThreshold, 256 << 20)
        _ = mallopt(trimThreshold, 512 << 20)
        #endif
    }
}
