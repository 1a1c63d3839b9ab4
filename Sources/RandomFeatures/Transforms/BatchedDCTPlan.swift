internal import CFFTW

/// In-place DCT-II and DCT-III of every row of a Float batch, through FFTW's
/// many-transform r2r plans (`fftwf_plan_many_r2r`, kinds REDFT10 and REDFT01):
///
///     REDFT10 (DCT-II):  Yₖ = 2 Σⱼ xⱼ cos(π k (j + ½) / N)
///     REDFT01 (DCT-III): Yₖ = x₀ + 2 Σ_{j≥1} xⱼ cos(π j (k + ½) / N)
///
/// Both are unnormalised: REDFT01(REDFT10(x)) = 2N·x (FFTW manual, "1d Real-even DFTs";
/// ALGORITHMS.md §6.6). The plan owns its buffer of `count` rows of `length` Floats,
/// allocated with `fftwf_alloc_real` (alignment must match planning time), so it is
/// not Sendable: each call site makes its own. Planning and destruction run under
/// `FFTWPlanner.withLock`; execution needs no lock. FFTW_ESTIMATE: no timing runs,
/// the buffer is not touched while planning.
public final class BatchedDCTPlanFloat {
    /// N, the transform length.
    public let length: Int
    /// Rows transformed by one call.
    public let count: Int
    /// count × length Floats, row-major: each row is one transform, in place.
    public let buffer: UnsafeMutableBufferPointer<Float>
    private let forwardPlan: fftwf_plan
    private let inversePlan: fftwf_plan

    public init(length: Int, count: Int) {
        precondition(length >= 2, "DCT length must be at least 2")
        precondition(count >= 1, "at least one row")
        precondition(length <= Int(Int32.max) && length * count <= Int(Int32.max), "FFTW takes int sizes")
        self.length = length
        self.count = count
        let memory = fftwf_alloc_real(length * count)!
        buffer = UnsafeMutableBufferPointer(start: memory, count: length * count)
        buffer.initialize(repeating: 0)
        var n = Int32(length)
        let flags = UInt32(FFTW_ESTIMATE)
        let dist = Int32(length), howmany = Int32(count)
        (forwardPlan, inversePlan) = FFTWPlanner.withLock {
            var k10 = FFTW_REDFT10, k01 = FFTW_REDFT01
            let f = fftwf_plan_many_r2r(1, &n, howmany, memory, nil, 1, dist, memory, nil, 1, dist, &k10, flags)!
            let i = fftwf_plan_many_r2r(1, &n, howmany, memory, nil, 1, dist, memory, nil, 1, dist, &k01, flags)!
            return (f, i)
        }
    }

    deinit {
        FFTWPlanner.withLock {
            fftwf_destroy_plan(forwardPlan)
            fftwf_destroy_plan(inversePlan)
        }
        fftwf_free(buffer.baseAddress)
    }

    /// Every row ← REDFT10(row) (unnormalised DCT-II).
    public func forward() { fftwf_execute(forwardPlan) }
    /// Every row ← REDFT01(row) (unnormalised DCT-III, the inverse of `forward` up to 2N).
    public func inverse() { fftwf_execute(inversePlan) }
}
