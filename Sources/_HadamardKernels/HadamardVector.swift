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
///
/// The conforming types wrap the standard library's SIMD types (a type can conform
/// to a protocol only once, and SIMD8 serves both Float and Double). Each belongs to
/// exactly one instruction-set target: portable (Float4, Double2), AVX2 (Float8,
/// Double4), AVX-512 (Float16, Double8), so no two targets emit the same
/// specialisation (they are weak symbols, and the linker would keep only one copy).
public protocol HadamardVector {
    associatedtype Scalar: BinaryFloatingPoint
    /// log2 of the number of lanes.
    static var log2Width: Int { get }
    /// log2 of the registers the first pass combines after the lane stages: 3 (8
    /// registers) by default, 4 where 32 registers hold 16 values and temporaries.
    static var maxLog2LaneRadix: Int { get }
    /// Loads `2^log2Width` scalars from any address.
    init(loadingFrom pointer: UnsafeMutablePointer<Scalar>)
    /// Stores the lanes to any address.
    func store(to pointer: UnsafeMutablePointer<Scalar>)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    func scaled(by factor: Scalar) -> Self
    /// The Walsh–Hadamard transform of the register's own lanes (natural order).
    func hadamardLanes() -> Self
    /// `HadamardTextbook.transform` for this scalar type (lengths below one register).
    static func textbookTransform(_ pointer: UnsafeMutablePointer<Scalar>, log2Count: Int, normalized: Bool)
    /// `HadamardTextbook.normalizationFactor` for this scalar type.
    static func normalizationFactor(_ log2Count: Int) -> Scalar
}

extension HadamardVector {
    @inlinable @inline(__always) public static var maxLog2LaneRadix: Int { 3 }
}

/// The scalar-type-specific requirements, forwarded to the non-inlinable textbook code.
extension HadamardVector where Scalar == Float {
    @inlinable @inline(__always)
    public static func textbookTransform(_ pointer: UnsafeMutablePointer<Float>, log2Count: Int, normalized: Bool) {
        HadamardTextbook.transform(pointer, log2Count: log2Count, normalized: normalized)
    }
    @inlinable @inline(__always)
    public static func normalizationFactor(_ log2Count: Int) -> Float {
        HadamardTextbook.normalizationFactor(log2Count)
    }
}

extension HadamardVector where Scalar == Double {
    @inlinable @inline(__always)
    public static func textbookTransform(_ pointer: UnsafeMutablePointer<Double>, log2Count: Int, normalized: Bool) {
        HadamardTextbook.transform(pointer, log2Count: log2Count, normalized: normalized)
    }
    @inlinable @inline(__always)
    public static func normalizationFactor(_ log2Count: Int) -> Double {
        HadamardTextbook.normalizationFactor(log2Count)
    }
}

// `SIMD.addingProduct` is evaluated lane by lane and LLVM then folds the ±1
// factors into scattered adds, subtracts and blends; `llvm.fma` on the whole
// vector (reached through the Builtin module) stays one `vfmadd` instruction.
// This file is the only user of `Builtin`.

/// 4 Floats: one SSE2 or NEON register (the portable kernel).
@frozen
public struct HadamardFloat4: HadamardVector {
    @usableFromInline var v: SIMD4<Float>
    @inlinable @inline(__always) init(_ v: SIMD4<Float>) { self.v = v }

    @inlinable @inline(__always) public static var log2Width: Int { 2 }
    @inlinable @inline(__always) public init(loadingFrom p: UnsafeMutablePointer<Float>) {
        v = UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }
    @inlinable @inline(__always) public func store(to p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
    }
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { Self(a.v + b.v) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { Self(a.v - b.v) }
    @inlinable @inline(__always) public func scaled(by factor: Float) -> Self { Self(v * factor) }

    // Without FMA hardware (plain x86-64) a vector llvm.fma becomes four calls to
    // fmaf; the lanes are few here, so plain sums and differences serve.
    @inlinable @inline(__always) public func hadamardLanes() -> Self {
        let x = v
        let y = SIMD4(x[0] + x[1], x[0] - x[1], x[2] + x[3], x[2] - x[3])
        return Self(SIMD4(y[0] + y[2], y[1] + y[3], y[0] - y[2], y[1] - y[3]))
    }
}

/// 2 Doubles: one SSE2 or NEON register (the portable kernel).
@frozen
public struct HadamardDouble2: HadamardVector {
    @usableFromInline var v: SIMD2<Double>
    @inlinable @inline(__always) init(_ v: SIMD2<Double>) { self.v = v }

    @inlinable @inline(__always) public static var log2Width: Int { 1 }
    @inlinable @inline(__always) public init(loadingFrom p: UnsafeMutablePointer<Double>) {
        v = UnsafeRawPointer(p).loadUnaligned(as: SIMD2<Double>.self)
    }
    @inlinable @inline(__always) public func store(to p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD2<Double>.self)
    }
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { Self(a.v + b.v) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { Self(a.v - b.v) }
    @inlinable @inline(__always) public func scaled(by factor: Double) -> Self { Self(v * factor) }

    @inlinable @inline(__always) public func hadamardLanes() -> Self {
        Self(SIMD2(v[0] + v[1], v[0] - v[1]))
    }
}

/// 8 Floats: one AVX2 register.
@frozen
public struct HadamardFloat8: HadamardVector {
    @usableFromInline var v: SIMD8<Float>
    @inlinable @inline(__always) init(_ v: SIMD8<Float>) { self.v = v }

    @inlinable @inline(__always) public static var log2Width: Int { 3 }
    @inlinable @inline(__always) public init(loadingFrom p: UnsafeMutablePointer<Float>) {
        v = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inlinable @inline(__always) public func store(to p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { Self(a.v + b.v) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { Self(a.v - b.v) }
    @inlinable @inline(__always) public func scaled(by factor: Float) -> Self { Self(v * factor) }

    @inlinable @inline(__always)
    static func fma(_ x: SIMD8<Float>, _ factor: SIMD8<Float>, _ addend: SIMD8<Float>) -> SIMD8<Float> {
        var result = SIMD8<Float>()
        result._storage._value = Builtin.int_fma_Vec8xFPIEEE32(
            x._storage._value, factor._storage._value, addend._storage._value)
        return result
    }

    @inlinable @inline(__always) public func hadamardLanes() -> Self {
        let x = v
        let y = Self.fma(x, SIMD8(1, -1, 1, -1, 1, -1, 1, -1), SIMD8(x[1], x[0], x[3], x[2], x[5], x[4], x[7], x[6]))
        let z = Self.fma(y, SIMD8(1, 1, -1, -1, 1, 1, -1, -1), SIMD8(y[2], y[3], y[0], y[1], y[6], y[7], y[4], y[5]))
        return Self(Self.fma(
            z, SIMD8(1, 1, 1, 1, -1, -1, -1, -1), SIMD8(z[4], z[5], z[6], z[7], z[0], z[1], z[2], z[3])))
    }
}

/// 4 Doubles: one AVX2 register.
@frozen
public struct HadamardDouble4: HadamardVector {
    @usableFromInline var v: SIMD4<Double>
    @inlinable @inline(__always) init(_ v: SIMD4<Double>) { self.v = v }

    @inlinable @inline(__always) public static var log2Width: Int { 2 }
    @inlinable @inline(__always) public init(loadingFrom p: UnsafeMutablePointer<Double>) {
        v = UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
    }
    @inlinable @inline(__always) public func store(to p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { Self(a.v + b.v) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { Self(a.v - b.v) }
    @inlinable @inline(__always) public func scaled(by factor: Double) -> Self { Self(v * factor) }

    @inlinable @inline(__always)
    static func fma(_ x: SIMD4<Double>, _ factor: SIMD4<Double>, _ addend: SIMD4<Double>) -> SIMD4<Double> {
        var result = SIMD4<Double>()
        result._storage._value = Builtin.int_fma_Vec4xFPIEEE64(
            x._storage._value, factor._storage._value, addend._storage._value)
        return result
    }

    @inlinable @inline(__always) public func hadamardLanes() -> Self {
        let x = v
        let y = Self.fma(x, SIMD4(1, -1, 1, -1), SIMD4(x[1], x[0], x[3], x[2]))
        return Self(Self.fma(y, SIMD4(1, 1, -1, -1), SIMD4(y[2], y[3], y[0], y[1])))
    }
}

/// 16 Floats: one AVX-512 register.
@frozen
public struct HadamardFloat16: HadamardVector {
    @usableFromInline var v: SIMD16<Float>
    @inlinable @inline(__always) init(_ v: SIMD16<Float>) { self.v = v }

    @inlinable @inline(__always) public static var log2Width: Int { 4 }
    /// 16 registers of 16 Floats after the lane stages (2^10: 235 ns against 276 ns with 8).
    @inlinable @inline(__always) public static var maxLog2LaneRadix: Int { 4 }
    @inlinable @inline(__always) public init(loadingFrom p: UnsafeMutablePointer<Float>) {
        v = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }
    @inlinable @inline(__always) public func store(to p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { Self(a.v + b.v) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { Self(a.v - b.v) }
    @inlinable @inline(__always) public func scaled(by factor: Float) -> Self { Self(v * factor) }

    @inlinable @inline(__always)
    static func fma(_ x: SIMD16<Float>, _ factor: SIMD16<Float>, _ addend: SIMD16<Float>) -> SIMD16<Float> {
        var result = SIMD16<Float>()
        result._storage._value = Builtin.int_fma_Vec16xFPIEEE32(
            x._storage._value, factor._storage._value, addend._storage._value)
        return result
    }

    @inlinable @inline(__always) public func hadamardLanes() -> Self {
        let x = v
        let y = Self.fma(
            x, SIMD16(1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1),
            SIMD16(x[1], x[0], x[3], x[2], x[5], x[4], x[7], x[6],
                   x[9], x[8], x[11], x[10], x[13], x[12], x[15], x[14]))
        let z = Self.fma(
            y, SIMD16(1, 1, -1, -1, 1, 1, -1, -1, 1, 1, -1, -1, 1, 1, -1, -1),
            SIMD16(y[2], y[3], y[0], y[1], y[6], y[7], y[4], y[5],
                   y[10], y[11], y[8], y[9], y[14], y[15], y[12], y[13]))
        let u = Self.fma(
            z, SIMD16(1, 1, 1, 1, -1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1),
            SIMD16(z[4], z[5], z[6], z[7], z[0], z[1], z[2], z[3],
                   z[12], z[13], z[14], z[15], z[8], z[9], z[10], z[11]))
        return Self(Self.fma(
            u, SIMD16(1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1),
            SIMD16(u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15],
                   u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7])))
    }
}

/// 8 Doubles: one AVX-512 register.
@frozen
public struct HadamardDouble8: HadamardVector {
    @usableFromInline var v: SIMD8<Double>
    @inlinable @inline(__always) init(_ v: SIMD8<Double>) { self.v = v }

    @inlinable @inline(__always) public static var log2Width: Int { 3 }
    // maxLog2LaneRadix stays 3: radix 16 measured 10–30% slower for 8 Doubles at 2^10–2^12.
    @inlinable @inline(__always) public init(loadingFrom p: UnsafeMutablePointer<Double>) {
        v = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Double>.self)
    }
    @inlinable @inline(__always) public func store(to p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Double>.self)
    }
    @inlinable @inline(__always) public static func + (a: Self, b: Self) -> Self { Self(a.v + b.v) }
    @inlinable @inline(__always) public static func - (a: Self, b: Self) -> Self { Self(a.v - b.v) }
    @inlinable @inline(__always) public func scaled(by factor: Double) -> Self { Self(v * factor) }

    @inlinable @inline(__always)
    static func fma(_ x: SIMD8<Double>, _ factor: SIMD8<Double>, _ addend: SIMD8<Double>) -> SIMD8<Double> {
        var result = SIMD8<Double>()
        result._storage._value = Builtin.int_fma_Vec8xFPIEEE64(
            x._storage._value, factor._storage._value, addend._storage._value)
        return result
    }

    @inlinable @inline(__always) public func hadamardLanes() -> Self {
        let x = v
        let y = Self.fma(x, SIMD8(1, -1, 1, -1, 1, -1, 1, -1), SIMD8(x[1], x[0], x[3], x[2], x[5], x[4], x[7], x[6]))
        let z = Self.fma(y, SIMD8(1, 1, -1, -1, 1, 1, -1, -1), SIMD8(y[2], y[3], y[0], y[1], y[6], y[7], y[4], y[5]))
        return Self(Self.fma(
            z, SIMD8(1, 1, 1, 1, -1, -1, -1, -1), SIMD8(z[4], z[5], z[6], z[7], z[0], z[1], z[2], z[3])))
    }
}
