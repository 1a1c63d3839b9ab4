import Builtin

// MARK: - The register-level building block of the FWHT

/// A SIMD register of `2^log2Width` scalars on which the FWHT kernels run.
///
/// The first `log2Width` butterfly stages pair elements inside one register
/// (ALGORITHMS.md §3, "in-register shuffles"); every later stage pairs whole
/// registers and needs only vector add and subtract.
///
/// Each in-register stage with half-distance h is one shuffle and one fused
/// multiply–add: with s the register with its h-blocks swapped and σ = (+1 on the
/// lower, −1 on the upper element of every pair),
///
///     x′ = x·σ + s   ⇒   x′ⱼ = xⱼ + xⱼ₊ₕ (lower),   x′ⱼ₊ₕ = xⱼ − xⱼ₊ₕ (upper).
///
/// Multiplying by ±1 is exact and the single rounding of the FMA is the rounding
/// of the sum, so the result is bit-identical to the plain butterfly.
protocol HadamardVector: SIMD where Scalar: BinaryFloatingPoint {
    /// log2 of the number of lanes.
    static var log2Width: Int { get }
    /// The Walsh–Hadamard transform of the register's own lanes (natural order).
    func hadamardLanes() -> Self
    /// `self · factor + addend` with one rounding.
    func fusedMultiplyAdd(_ factor: Self, _ addend: Self) -> Self
}

// `SIMD.addingProduct` is evaluated lane by lane and LLVM then folds the ±1
// factors into scattered adds, subtracts and blends; `llvm.fma` on the whole
// vector (reached through the Builtin module) stays one `vfmadd` instruction.
// This file is the only user of `Builtin`.

extension SIMD8: HadamardVector where Scalar == Float {
    @inline(__always) static var log2Width: Int { 3 }

    @inline(__always)
    func fusedMultiplyAdd(_ factor: Self, _ addend: Self) -> Self {
        var result = Self()
        result._storage._value = Builtin.int_fma_Vec8xFPIEEE32(
            _storage._value, factor._storage._value, addend._storage._value)
        return result
    }

    @inline(__always)
    func hadamardLanes() -> Self {
        let x = self
        let y = x.fusedMultiplyAdd(
            SIMD8(1, -1, 1, -1, 1, -1, 1, -1), SIMD8(x[1], x[0], x[3], x[2], x[5], x[4], x[7], x[6]))
        let z = y.fusedMultiplyAdd(
            SIMD8(1, 1, -1, -1, 1, 1, -1, -1), SIMD8(y[2], y[3], y[0], y[1], y[6], y[7], y[4], y[5]))
        return z.fusedMultiplyAdd(
            SIMD8(1, 1, 1, 1, -1, -1, -1, -1), SIMD8(z[4], z[5], z[6], z[7], z[0], z[1], z[2], z[3]))
    }
}

extension SIMD4: HadamardVector where Scalar == Double {
    @inline(__always) static var log2Width: Int { 2 }

    @inline(__always)
    func fusedMultiplyAdd(_ factor: Self, _ addend: Self) -> Self {
        var result = Self()
        result._storage._value = Builtin.int_fma_Vec4xFPIEEE64(
            _storage._value, factor._storage._value, addend._storage._value)
        return result
    }

    @inline(__always)
    func hadamardLanes() -> Self {
        let x = self
        let y = x.fusedMultiplyAdd(SIMD4(1, -1, 1, -1), SIMD4(x[1], x[0], x[3], x[2]))
        return y.fusedMultiplyAdd(SIMD4(1, 1, -1, -1), SIMD4(y[2], y[3], y[0], y[1]))
    }
}
