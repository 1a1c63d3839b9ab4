import Estimators
import Foundation
import RandomFeatures

/// The flags of `rftool estimate` as typed, before validation. `configuration()`
/// turns them into a validated `EstimateConfiguration` or throws a one-line
/// `RFToolError` naming the flag (exit 64 for flags, 65 for a pair the estimator refuses).
public struct EstimateRequest: Sendable {
    public var kernel: String = ""
    public var estimator: String?
    public var projection: String = "iid"
    public var features: Int = 256
    public var trials: Int = 1000
    public var seed: UInt64 = 0
    public var x: String?
    public var y: String?
    public var dim: Int?
    public var input: String?
    public var radius: Double?
    public var format: String = "text"
    public var sigma: Double?
    public var bias: Double?
    public var coefficients: String?
    public var degree: Int?
    public var coef: Double?
    public var urfM: String?
    /// Worker threads; the numbers do not depend on it.
    public var threads: Int?

    public init() {}

    /// Defaults of the drawn pair: dimension 16, uniform on the unit sphere.
    public static let defaultDimension = 16
    public static let defaultRadius = 1.0

    public func configuration() throws -> EstimateConfiguration {
        guard let format = EstimateReport.Format(rawValue: format) else {
            throw RFToolError.usage("--format must be text, json or csv; got '\(format)'")
        }
        guard features >= 1 else { throw RFToolError.usage("--features must be at least 1; got \(features)") }
        guard trials >= 2 else { throw RFToolError.usage("--trials must be at least 2 (the variance needs two estimates); got \(trials)") }
        if let threads, threads < 1 { throw RFToolError.usage("--threads must be at least 1; got \(threads)") }
        guard let kind = ProjectionKind(rawValue: projection) else {
            throw RFToolError.usage("--projection: unknown projection '\(projection)'; valid: \(ProjectionKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let parameters = try KernelParameterFlags.parameters(
            sigma: sigma, bias: bias, coefficients: coefficients, degree: degree, coef: coef, urfM: urfM)
        let (entry, built) = try KernelParameterFlags.estimator(kernel: kernel, estimator: estimator, parameters: parameters)
        guard built.validProjections.contains(kind) else {
            throw RFToolError.usage("--projection: '\(kind.rawValue)' is not meaningful for \(kernel)/\(entry.estimator); valid projections: \(built.validProjections.map(\.rawValue).joined(separator: ", "))")
        }
        let (pair, label) = try self.pair()
        do {
            try built.validate(x: pair.x, y: pair.y)
            _ = try built.exact(x: pair.x, y: pair.y)
        } catch {
            throw RFToolError.data("--x/--y: \(error)")
        }
        return EstimateConfiguration(
            kernel: kernel, estimator: entry.estimator, projection: kind, features: features, trials: trials, seed: seed,
            parameters: parameters, x: pair.x, y: pair.y, pairLabel: label, format: format,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The pair: `--x/--y` as given, or drawn from the seed (`--dim/--input/--radius`).
    func pair() throws -> (pair: (x: [Double], y: [Double]), label: String) {
        if x != nil || y != nil {
            guard let x else { throw RFToolError.usage("--y needs --x: give both vectors, or neither (a random pair)") }
            guard let y else { throw RFToolError.usage("--x needs --y: give both vectors, or neither (a random pair)") }
            for (flag, given) in [("--dim", dim != nil), ("--input", input != nil), ("--radius", radius != nil)] where given {
                throw RFToolError.usage("\(flag) cannot be combined with --x/--y (it describes a random pair); drop one of them")
            }
            let xs = try Self.vector(x, flag: "--x"), ys = try Self.vector(y, flag: "--y")
            guard xs.count == ys.count else {
                throw RFToolError.usage("--x and --y have different lengths (\(xs.count) and \(ys.count)); give vectors of the same dimension")
            }
            return ((xs, ys), "given")
        }
        let d = dim ?? Self.defaultDimension
        guard d >= 1 else { throw RFToolError.usage("--dim must be at least 1; got \(d)") }
        let name = input ?? "sphere"
        let design: PairDesign
        switch name {
        case "sphere":
            let r = radius ?? Self.defaultRadius
            guard r.isFinite && r > 0 else { throw RFToolError.usage("--radius must be a number > 0; got \(r)") }
            design = .sphere(radius: r)
        case "gaussian", "uniform":
            if radius != nil { throw RFToolError.usage("--radius applies to --input sphere, not to --input \(name)") }
            design = name == "gaussian" ? .gaussian : .uniform
        default:
            throw RFToolError.usage("--input must be sphere, gaussian or uniform; got '\(name)'")
        }
        let stream = RandomStream(seed: seed).child(EstimateConfiguration.pairStreamTag)
        let set = PairSet.draw(design: design, dimension: d, count: 1, stream: stream)
        return ((set.pairs.x.row(0), set.pairs.y.row(0)), design.key)
    }

    /// Comma-separated finite numbers.
    static func vector(_ text: String, flag: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Double] = []
        for (i, part) in parts.enumerated() {
            guard let v = Double(part) else {
                throw RFToolError.usage("\(flag): entry \(i + 1) '\(part)' is not a number; give comma-separated numbers v1,v2,...")
            }
            guard v.isFinite else {
                throw RFToolError.usage("\(flag): entry \(i + 1) is \(part); entries must be finite numbers")
            }
            values.append(v)
        }
        return values
    }
}
