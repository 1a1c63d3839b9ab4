import Estimators
import RandomFeatures

/// A validated `rftool features` run: every flag checked, the estimator built,
/// before any file is read or written.
public struct FeaturesConfiguration: Sendable {
    public enum Precision: String, Sendable, CaseIterable {
        case float32, float64
    }
    public enum FileFormat: String, Sendable {
        case csv, npy
    }

    public let kernel: String
    public let estimator: any FeatureMapEstimator
    public let projection: ProjectionKind
    public let features: Int
    public let seed: UInt64
    public let input: String
    public let inputFormat: FileFormat
    /// A path, or "-" for CSV on standard output.
    public let output: String
    public let outputFormat: FileFormat
    public let precision: Precision
    public let side: FeatureSide
    public let parameters: KernelParameters

    /// Builds the configuration from the flags as typed; throws a one-line
    /// `RFToolError.usage` naming the flag and the accepted values.
    public init(kernel: String, estimator: String?, projection: String, features: Int, seed: UInt64,
                input: String, output: String, precision: String, side: String,
                sigma: Double?, bias: Double?, coefficients: String?, degree: Int?, coef: Double?, urfM: String?) throws {
        guard features >= 1 else { throw RFToolError.usage("--features must be at least 1; got \(features)") }
        guard let p = ProjectionKind(rawValue: projection) else {
            throw RFToolError.usage("--projection: unknown projection '\(projection)'; valid: \(ProjectionKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let pr = Precision(rawValue: precision) else {
            throw RFToolError.usage("--precision must be float32 or float64; got '\(precision)'")
        }
        guard let sd = FeatureSide(rawValue: side) else {
            throw RFToolError.usage("--side must be x or y; got '\(side)'")
        }
        self.inputFormat = try Self.format(of: input, flag: "--input", allowStdout: false)
        self.outputFormat = try Self.format(of: output, flag: "--output", allowStdout: true)
        let parameters = try KernelParameterFlags.parameters(
            sigma: sigma, bias: bias, coefficients: coefficients, degree: degree, coef: coef, urfM: urfM)

        let (entry, built) = try KernelParameterFlags.estimator(kernel: kernel, estimator: estimator, parameters: parameters)
        guard let mapEstimator = built as? any FeatureMapEstimator else {
            throw RFToolError.usage("--estimator: \(kernel)/\(entry.estimator) has no feature-map form yet; estimators with one: \(Self.featureMapEntries())")
        }
        guard mapEstimator.validProjections.contains(p) else {
            throw RFToolError.usage("--projection: '\(p.rawValue)' is not meaningful for \(kernel)/\(entry.estimator); valid projections: \(mapEstimator.validProjections.map(\.rawValue).joined(separator: ", "))")
        }
        self.kernel = kernel
        self.estimator = mapEstimator
        self.projection = p
        self.features = features
        self.seed = seed
        self.input = input
        self.output = output
        self.precision = pr
        self.side = sd
        self.parameters = parameters
    }

    static func format(of path: String, flag: String, allowStdout: Bool) throws -> FileFormat {
        if allowStdout && path == "-" { return .csv }
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".npy") { return .npy }
        throw RFToolError.usage("\(flag) must name a .csv or .npy file\(allowStdout ? " (or - for CSV on standard output)" : ""); got '\(path)'")
    }

    static func featureMapEntries() -> String {
        EstimatorCatalog.all.filter { entry in
            (try? entry.make(KernelParameters())).map { $0 is any FeatureMapEstimator } ?? false
        }.map { "\($0.kernel)/\($0.estimator)" }.joined(separator: ", ")
    }
}

/// The kernel-parameter flags shared by the commands that build an estimator
/// (`--sigma`, `--bias`, `--coefficients`, `--degree`/`--coef`, `--urf-m`).
public enum KernelParameterFlags {
    /// `nil` means the flag was not given (its default applies).
    public static func parameters(sigma: Double?, bias: Double?, coefficients: String?, degree: Int?, coef: Double?,
                                  urfM: String?) throws -> KernelParameters {
        var p = KernelParameters()
        if let sigma {
            guard sigma.isFinite && sigma > 0 else { throw RFToolError.usage("--sigma must be a number > 0; got \(sigma)") }
            p.sigma = sigma
        }
        if let bias {
            guard bias.isFinite else { throw RFToolError.usage("--bias must be a finite number; got \(bias)") }
            p.bias = bias
        }
        if coefficients != nil && (degree != nil || coef != nil) {
            throw RFToolError.usage("--coefficients and --degree/--coef are alternatives; give one of them")
        }
        if let coefficients {
            let parts = coefficients.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let values = parts.map { Double($0) }
            guard !parts.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite }) else {
                throw RFToolError.usage("--coefficients must be finite numbers a0,a1,... separated by commas; got '\(coefficients)'")
            }
            p.coefficients = values.map { $0! }
        } else if degree != nil || coef != nil {
            guard let degree else { throw RFToolError.usage("--coef needs --degree p: the kernel is (x·y + c)^p") }
            guard (0...64).contains(degree) else { throw RFToolError.usage("--degree must be an integer from 0 to 64; got \(degree)") }
            let c = coef ?? 1
            guard c.isFinite else { throw RFToolError.usage("--coef must be a finite number; got \(c)") }
            p.coefficients = KernelParameters.binomialCoefficients(degree: degree, offset: c)
        }
        if let urfM {
            if urfM == "optimal" {
                p.urfM = .optimal
            } else if let m = Double(urfM), m.isFinite, m >= 0 {
                p.urfM = .value(m)
            } else {
                throw RFToolError.usage("--urf-m must be a number >= 0 or 'optimal'; got '\(urfM)'")
            }
        }
        return p
    }

    /// The catalogue entry for `--kernel`/`--estimator` and the estimator built with
    /// `parameters`; every refusal is a usage error naming the flag and the valid names.
    public static func estimator(kernel: String, estimator: String?,
                                 parameters: KernelParameters) throws -> (entry: EstimatorEntry, built: any PointwiseEstimator) {
        guard EstimatorCatalog.kernelNames.contains(kernel) else {
            throw RFToolError.usage("--kernel: unknown kernel '\(kernel)'; valid kernels: \(EstimatorCatalog.kernelNames.joined(separator: ", "))")
        }
        let entry: EstimatorEntry
        do { entry = try EstimatorCatalog.entry(kernel: kernel, estimator: estimator) } catch {
            throw RFToolError.usage("--estimator: \(error)")
        }
        do { return (entry, try entry.make(parameters)) } catch { throw RFToolError.usage("\(error)") }
    }
}
