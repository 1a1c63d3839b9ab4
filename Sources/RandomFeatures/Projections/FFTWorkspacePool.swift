import Synchronization

/// What a circulant projection needs from a real FFT plan: `RealFFTPlan` (Double) and
/// `RealFFTPlanFloat` (Float), each owning FFTW-allocated buffers.
protocol RealFFTExecutor: AnyObject {
    associatedtype Scalar: BLASScalar
    init(length: Int)
    var length: Int { get }
    /// n reals: the forward input and the inverse output.
    var input: UnsafeMutableBufferPointer<Scalar> { get }
    /// n/2 + 1 complex numbers: the forward output and the inverse input.
    var spectrum: UnsafeMutableBufferPointer<(Scalar, Scalar)> { get }
    /// spectrum ← r2c(input).
    func forward()
    /// input ← c2r(spectrum), unnormalised; overwrites spectrum.
    func inverse()
}

extension RealFFTPlan: RealFFTExecutor {}
extension RealFFTPlanFloat: RealFFTExecutor {}

/// A real FFT plan of one length and a second spectrum buffer, for one thread at a time.
///
/// `@unchecked Sendable`: a plan's buffers are not safe to share, and this type is only
/// ever handed out by `FFTWorkspacePool`, which gives each workspace to one caller at a
/// time (the pool's mutex orders the hand-over).
final class FFTWorkspace<Plan: RealFFTExecutor>: @unchecked Sendable {
    let plan: Plan
    /// Holds r2c(x) while c2r overwrites the plan's spectrum, block after block.
    let savedSpectrum: UnsafeMutableBufferPointer<(Plan.Scalar, Plan.Scalar)>

    init(length: Int) {
        plan = Plan(length: length)
        savedSpectrum = .allocate(capacity: length / 2 + 1)
        savedSpectrum.initialize(repeating: (0, 0))
    }

    deinit { savedSpectrum.deallocate() }
}

/// Reusable FFT workspaces for a value that is `Sendable` but applies FFTW plans, which
/// are not (STYLE.md "Facts about the libraries": only execution is thread-safe).
///
/// A caller borrows an idle workspace or, if none is idle, plans a new one (under
/// `FFTWPlanner`'s lock, inside `RealFFTPlan.init`), and returns it when done. Plans are
/// therefore made once per concurrent caller and reused by every later call; at most as
/// many exist as calls ever ran at the same time. Every plan of a length is made with the
/// same flags on FFTW-aligned buffers, so which workspace serves a row does not change
/// its result.
final class FFTWorkspacePool<Plan: RealFFTExecutor>: Sendable {
    let length: Int
    private let idle = Mutex<[FFTWorkspace<Plan>]>([])

    init(length: Int) {
        precondition(length >= 1)
        self.length = length
    }

    /// Runs `body` with a workspace no other caller holds meanwhile.
    func withWorkspace<R>(_ body: (FFTWorkspace<Plan>) -> R) -> R {
        let workspace = idle.withLock { $0.popLast() } ?? FFTWorkspace<Plan>(length: length)
        defer { idle.withLock { $0.append(workspace) } }
        return body(workspace)
    }
}
