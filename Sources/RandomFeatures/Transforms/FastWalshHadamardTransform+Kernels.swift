import _HadamardKernels
import _HadamardKernelsAVX2
import _HadamardKernelsAVX512

// MARK: - Concrete entry points: one compiled kernel per instruction set

extension FastWalshHadamardTransform {
    /// The Float transform with the best kernel for this processor.
    @usableFromInline
    static func _transformFloat(_ pointer: UnsafeMutablePointer<Float>, log2Count: Int, normalized: Bool) {
        _transform(pointer, log2Count: log2Count, normalized: normalized, using: HadamardInstructionSet.best)
    }

    /// The Double transform with the best kernel for this processor.
    @usableFromInline
    static func _transformDouble(_ pointer: UnsafeMutablePointer<Double>, log2Count: Int, normalized: Bool) {
        _transform(pointer, log2Count: log2Count, normalized: normalized, using: HadamardInstructionSet.best)
    }

    /// The Float transform with a given compiled kernel, for benchmarks and tests.
    ///
    /// - Precondition: `set` is in `HadamardInstructionSet.available`.
    public static func transform(
        _ pointer: UnsafeMutablePointer<Float>, log2Count: Int, normalized: Bool = false,
        using set: HadamardInstructionSet
    ) {
        precondition((0...maxLog2Count).contains(log2Count), "log2Count must be in 0...\(maxLog2Count)")
        precondition(HadamardInstructionSet.available.contains(set), "\(set) is not available on this processor")
        _transform(pointer, log2Count: log2Count, normalized: normalized, using: set)
    }

    /// The Double transform with a given compiled kernel, for benchmarks and tests.
    ///
    /// - Precondition: `set` is in `HadamardInstructionSet.available`.
    public static func transform(
        _ pointer: UnsafeMutablePointer<Double>, log2Count: Int, normalized: Bool = false,
        using set: HadamardInstructionSet
    ) {
        precondition((0...maxLog2Count).contains(log2Count), "log2Count must be in 0...\(maxLog2Count)")
        precondition(HadamardInstructionSet.available.contains(set), "\(set) is not available on this processor")
        _transform(pointer, log2Count: log2Count, normalized: normalized, using: set)
    }

    /// The Float transform with a given kernel (which must be available).
    static func _transform(
        _ pointer: UnsafeMutablePointer<Float>, log2Count: Int, normalized: Bool, using set: HadamardInstructionSet
    ) {
        switch set {
        case .avx512: HadamardKernelsAVX512.transform(pointer, log2Count: log2Count, normalized: normalized)
        case .avx2: HadamardKernelsAVX2.transform(pointer, log2Count: log2Count, normalized: normalized)
        case .portable:
            HadamardKernels<HadamardFloat4>.transform(pointer, log2Count: log2Count, normalized: normalized)
        }
    }

    /// The Double transform with a given kernel (which must be available).
    static func _transform(
        _ pointer: UnsafeMutablePointer<Double>, log2Count: Int, normalized: Bool, using set: HadamardInstructionSet
    ) {
        switch set {
        case .avx512: HadamardKernelsAVX512.transform(pointer, log2Count: log2Count, normalized: normalized)
        case .avx2: HadamardKernelsAVX2.transform(pointer, log2Count: log2Count, normalized: normalized)
        case .portable:
            HadamardKernels<HadamardDouble2>.transform(pointer, log2Count: log2Count, normalized: normalized)
        }
    }

    /// 1/√n for n = 2^L: exactly 2^(−L/2) for even L; 2^(−(L+1)/2)·√2, rounded once, for odd L.
    @usableFromInline
    static func normalizationFactor<S: BinaryFloatingPoint>(_ log2Count: Int) -> S {
        HadamardTextbook.normalizationFactor(log2Count)
    }

    /// The textbook butterfly network (ALGORITHMS.md §3), for scalar types without a
    /// vector kernel.
    @usableFromInline
    static func _transformScalar<S: BinaryFloatingPoint>(
        _ p: UnsafeMutablePointer<S>, log2Count: Int, normalized: Bool
    ) {
        HadamardTextbook.transform(p, log2Count: log2Count, normalized: normalized)
    }
}
