import CGSL

/// ∫_a^∞ f(v) dv by GSL's adaptive QAGIU (QUADPACK QAGI after the map
/// v = a + (1 − s)/s, 21-point Gauss–Kronrod on s ∈ (0, 1]), owning its workspace.
///
/// The result satisfies |result − I| ≤ max(absoluteTolerance, relativeTolerance·|I|)
/// as estimated by GSL; a status other than `GSL_SUCCESS` (tolerance not reached,
/// roundoff, too many subdivisions) throws, naming the function and GSL's reason.
///
/// - Parameter limit: the most subintervals the workspace holds (bisections allowed).
/// - Note: not `Sendable`: a workspace serves one integration at a time; make one per task.
final class HalfLineQuadrature {
    struct Failure: Error, CustomStringConvertible {
        let status: Int32
        let function: String
        var description: String { "\(function) failed: \(String(cString: gsl_strerror(status)))" }
    }

    private let workspace: UnsafeMutablePointer<gsl_integration_workspace>
    private let limit: Int

    init(limit: Int = 500) {
        _ = gslErrorHandlerOff
        guard let w = gsl_integration_workspace_alloc(limit) else {
            preconditionFailure("gsl_integration_workspace_alloc(\(limit)) returned NULL")
        }
        workspace = w
        self.limit = limit
    }

    deinit { gsl_integration_workspace_free(workspace) }

    /// ∫_lower^∞ f(v) dv.
    func integrate(from lower: Double, absoluteTolerance: Double, relativeTolerance: Double,
                   _ f: @escaping (Double) -> Double) throws -> Double {
        final class Box {
            let f: (Double) -> Double
            init(_ f: @escaping (Double) -> Double) { self.f = f }
        }
        let box = Unmanaged.passRetained(Box(f))
        defer { box.release() }
        var function = gsl_function(
            function: { v, params in Unmanaged<Box>.fromOpaque(params!).takeUnretainedValue().f(v) },
            params: box.toOpaque())
        var result = 0.0, error = 0.0
        let status = gsl_integration_qagiu(&function, lower, absoluteTolerance, relativeTolerance, limit,
                                           workspace, &result, &error)
        guard status == GSL_SUCCESS else { throw Failure(status: status, function: "gsl_integration_qagiu") }
        return result
    }
}
