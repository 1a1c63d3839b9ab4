import Builtin

/// Memory prefetch hints for the batch loops of the structured projections.
///
/// Swift has no prefetch intrinsic outside the Builtin module, which this target
/// already enables for `llvm.fma`; `llvm.prefetch` is reached the same way. A prefetch
/// is only a hint: it never changes a result, only when a cache line arrives.
public enum MemoryPrefetch {
    /// Asks for the cache line holding `address` to be read into all cache levels
    /// (`prefetcht0` on x86-64).
    @inlinable @inline(__always)
    public static func read(_ address: UnsafeRawPointer) {
        Builtin.int_prefetch_RawPointer(address._rawValue, Int32(0)._value, Int32(3)._value, Int32(1)._value)
    }

    /// Asks for the cache line holding `address` to be fetched for writing.
    @inlinable @inline(__always)
    public static func write(_ address: UnsafeRawPointer) {
        Builtin.int_prefetch_RawPointer(address._rawValue, Int32(1)._value, Int32(3)._value, Int32(1)._value)
    }

    /// Prefetches `byteCount` bytes from `start` for reading, one hint per 64-byte line.
    @inlinable @inline(__always)
    public static func read(_ start: UnsafeRawPointer, byteCount: Int) {
        var offset = 0
        while offset < byteCount {
            read(start + offset)
            offset += 64
        }
    }

    /// Prefetches `byteCount` bytes from `start` for writing, one hint per 64-byte line.
    @inlinable @inline(__always)
    public static func write(_ start: UnsafeRawPointer, byteCount: Int) {
        var offset = 0
        while offset < byteCount {
            write(start + offset)
            offset += 64
        }
    }
}
