internal import CFFTW

// Minimal real-to-complex FFT plans over FFTW (written on the estimators2 branch
// for TensorSketch; the projections branch writes the same API, and the lead
// keeps one of the two at merge).
//
//     forward():  spectrum[k] = Σⱼ input[j] · e^{−2πi jk/n},   k = 0 … n/2     (r2c)
//     inverse():  input[j]    = Σₖ spectrum[k] · e^{+2πi jk/n} (Hermitian)     (c2r, unnormalised: factor n)
//
// A plan owns its buffers (allocated with fftw_alloc_* because alignment must
// match planning time), so it is not Sendable: each task makes its own. Planning
// and destruction run under `FFTWPlanner.withLock`; `fftw_execute` needs no lock.
// c2r overwrites its input spectrum (FFTW manual, "Planner Flags").

/// A real FFT of one length in Double, with its own FFTW-allocated buffers.
public final class RealFFTPlan {
    /// The transform length n.
    public let length: Int
    /// n reals: the forward transform's input and the inverse transform's output.
    public let input: UnsafeMutableBufferPointer<Double>
    /// n/2 + 1 complex numbers (re, im): the forward output and the inverse input.
    public let spectrum: UnsafeMutableBufferPointer<(Double, Double)>
    private let forwardPlan: fftw_plan
    private let inversePlan: fftw_plan

    /// Plans both directions for length `length` ≥ 1 (FFTW_ESTIMATE: no timing runs).
    public init(length: Int) {
        precondition(length >= 1, "FFT length must be at least 1")
        self.length = length
        let real = fftw_alloc_real(length)!
        let complex = fftw_alloc_complex(length / 2 + 1)!
        input = UnsafeMutableBufferPointer(start: real, count: length)
        input.initialize(repeating: 0)
        spectrum = UnsafeMutableBufferPointer(
            start: UnsafeMutableRawPointer(complex).assumingMemoryBound(to: (Double, Double).self),
            count: length / 2 + 1)
        spectrum.initialize(repeating: (0, 0))
        let n = Int32(length)
        let flags = UInt32(FFTW_ESTIMATE)
        (forwardPlan, inversePlan) = FFTWPlanner.withLock {
            (fftw_plan_dft_r2c_1d(n, real, complex, flags)!, fftw_plan_dft_c2r_1d(n, complex, real, flags)!)
        }
    }

    deinit {
        FFTWPlanner.withLock {
            fftw_destroy_plan(forwardPlan)
            fftw_destroy_plan(inversePlan)
        }
        fftw_free(input.baseAddress)
        fftw_free(UnsafeMutableRawPointer(spectrum.baseAddress))
    }

    /// `spectrum ← r2c(input)`.
    public func forward() { fftw_execute(forwardPlan) }
    /// `input ← c2r(spectrum)`, unnormalised (n times the inverse DFT); overwrites `spectrum`.
    public func inverse() { fftw_execute(inversePlan) }
}

/// A real FFT of one length in Float (`fftwf_*`), with its own FFTW-allocated buffers.
public final class RealFFTPlanFloat {
    public let length: Int
    /// n reals.
    public let input: UnsafeMutableBufferPointer<Float>
    /// n/2 + 1 complex numbers (re, im).
    public let spectrum: UnsafeMutableBufferPointer<(Float, Float)>
    private let forwardPlan: fftwf_plan
    private let inversePlan: fftwf_plan

    public init(length: Int) {
        precondition(length >= 1, "FFT length must be at least 1")
        self.length = length
        let real = fftwf_alloc_real(length)!
        let complex = fftwf_alloc_complex(length / 2 + 1)!
        input = UnsafeMutableBufferPointer(start: real, count: length)
        input.initialize(repeating: 0)
        spectrum = UnsafeMutableBufferPointer(
            start: UnsafeMutableRawPointer(complex).assumingMemoryBound(to: (Float, Float).self),
            count: length / 2 + 1)
        spectrum.initialize(repeating: (0, 0))
        let n = Int32(length)
        let flags = UInt32(FFTW_ESTIMATE)
        (forwardPlan, inversePlan) = FFTWPlanner.withLock {
            (fftwf_plan_dft_r2c_1d(n, real, complex, flags)!, fftwf_plan_dft_c2r_1d(n, complex, real, flags)!)
        }
    }

    deinit {
        FFTWPlanner.withLock {
            fftwf_destroy_plan(forwardPlan)
            fftwf_destroy_plan(inversePlan)
        }
        fftwf_free(input.baseAddress)
        fftwf_free(UnsafeMutableRawPointer(spectrum.baseAddress))
    }

    public func forward() { fftwf_execute(forwardPlan) }
    public func inverse() { fftwf_execute(inversePlan) }
}
