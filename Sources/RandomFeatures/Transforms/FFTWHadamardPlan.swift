internal import CFFTW

/// FFTW's route to the Walsh–Hadamard transform: the baseline `rftool bench
/// transforms` times against `FastWalshHadamardTransform` (ALGORITHMS.md §3).
///
/// A length n = 2^L is read as an L-dimensional 2×2×…×2 array, dimension k having
/// stride 2^k, and transformed by a real DFT of kind R2HC along every dimension
/// (`fftw_plan_guru_r2r`, as in stevengj/Hadamard.jl). A size-2 R2HC is exactly
/// the butterfly (x₀ + x₁, x₀ − x₁), so the result is the unnormalised H·x in
/// natural order:
///
///     H_n = H₂ ⊗ H₂ ⊗ … ⊗ H₂   (L factors, one per index bit)
///
/// The plan owns its buffer (`fftw_alloc_real` / `fftwf_alloc_real`, so its
/// alignment matches planning time) and frees plan and buffer in `deinit`. Planning
/// and destruction run under `FFTWPlanner`'s lock; `execute()` needs no lock, but a
/// plan and its buffer belong to one thread at a time, so the type is not `Sendable`.
///
/// - Complexity: O(n log n) additions; 10–36× slower than `FastWalshHadamardTransform`
///   for n = 2^10…2^20 on the development machine (`rftool bench transforms`).
public final class FFTWHadamardPlan<Scalar: BLASScalar> {
    /// How hard FFTW searches for a fast plan.
    public enum Rigor: Sendable {
        /// `FFTW_ESTIMATE`: a heuristic plan, made at once, buffer untouched.
        case estimate
        /// `FFTW_MEASURE`: times candidate plans (overwrites the buffer while planning).
        case measure
    }

    /// A planner call that returned no plan, or an allocation that failed.
    public struct PlanningError: Error, CustomStringConvertible, Sendable {
        /// The FFTW function that failed.
        public let function: String
        public let log2Count: Int
        public var description: String { "\(function) failed for length 2^\(log2Count)" }
    }

    /// The largest log2Count accepted: FFTW takes strides as C `int`s.
    public static var maxLog2Count: Int { 30 }

    /// n = 2^log2Count.
    public let log2Count: Int
    public var count: Int { 1 << log2Count }

    private let plan: OpaquePointer
    private let buffer: UnsafeMutablePointer<Scalar>

    /// Plans the transform of 2^log2Count scalars in the plan's own buffer.
    ///
    /// - Parameters:
    ///   - log2Count: 0 ≤ log2Count ≤ `maxLog2Count`.
    ///   - rigor: `.estimate` (default) or `.measure`.
    /// - Throws: `PlanningError` naming the FFTW function that failed.
    public init(log2Count: Int, rigor: Rigor = .estimate) throws {
        precondition((0...Self.maxLog2Count).contains(log2Count), "log2Count must be in 0...\(Self.maxLog2Count)")
        self.log2Count = log2Count
        let n = 1 << log2Count
        // Dimension k pairs the entries whose indices differ in bit k.
        let dims = (0..<log2Count).map { k in fftw_iodim(n: 2, is: Int32(1 << k), os: Int32(1 << k)) }
        let kinds = [fftw_r2r_kind](repeating: FFTW_R2HC, count: log2Count)
        let flags: UInt32 = rigor == .measure ? FFTW_MEASURE : FFTW_ESTIMATE
        if Scalar.self == Double.self {
            guard let memory = fftw_alloc_real(n) else {
                throw PlanningError(function: "fftw_alloc_real", log2Count: log2Count)
            }
            let made = FFTWPlanner.withLock {
                fftw_plan_guru_r2r(Int32(log2Count), dims, 0, nil, memory, memory, kinds, flags)
            }
            guard let made else {
                fftw_free(memory)
                throw PlanningError(function: "fftw_plan_guru_r2r", log2Count: log2Count)
            }
            plan = made
            buffer = UnsafeMutableRawPointer(memory).bindMemory(to: Scalar.self, capacity: n)
        } else if Scalar.self == Float.self {
            // fftwf_iodim and fftwf_r2r_kind are the same C types as the double ones.
            guard let memory = fftwf_alloc_real(n) else {
                throw PlanningError(function: "fftwf_alloc_real", log2Count: log2Count)
            }
            let made = FFTWPlanner.withLock {
                fftwf_plan_guru_r2r(Int32(log2Count), dims, 0, nil, memory, memory, kinds, flags)
            }
            guard let made else {
                fftwf_free(memory)
                throw PlanningError(function: "fftwf_plan_guru_r2r", log2Count: log2Count)
            }
            plan = made
            buffer = UnsafeMutableRawPointer(memory).bindMemory(to: Scalar.self, capacity: n)
        } else {
            preconditionFailure("FFTWHadamardPlan supports Float and Double")
        }
        buffer.initialize(repeating: 0, count: n)
    }

    deinit {
        if Scalar.self == Double.self {
            FFTWPlanner.withLock { fftw_destroy_plan(plan) }
            fftw_free(buffer)
        } else {
            FFTWPlanner.withLock { fftwf_destroy_plan(plan) }
            fftwf_free(buffer)
        }
    }

    /// Transforms the plan's buffer in place (unnormalised H·x).
    public func execute() {
        if Scalar.self == Double.self {
            fftw_execute(plan)
        } else {
            fftwf_execute(plan)
        }
    }

    /// Gives `body` the plan's buffer of `count` scalars, to fill or read.
    public func withUnsafeMutableBuffer<R>(_ body: (UnsafeMutableBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: buffer, count: count))
    }

    /// Copies `values` in, executes, and copies the result back: unnormalised H·x.
    public func transform(_ values: inout [Scalar]) {
        precondition(values.count == count, "length must be 2^log2Count = \(count)")
        values.withUnsafeBufferPointer { source in
            buffer.update(from: source.baseAddress!, count: count)
        }
        execute()
        values.withUnsafeMutableBufferPointer { target in
            target.baseAddress!.update(from: buffer, count: count)
        }
    }
}
