import Estimators
import Foundation
import RandomFeatures

/// The flags of `rftool variance-sweep` as typed, before validation. The
/// executable fills it from the command line; `configuration(lookup:)` turns it
/// into a validated `VarianceSweepConfiguration` or throws a one-line
/// `RFToolError` naming the flag (STYLE.md §4: every input error surfaces here,
/// before any work starts or any file is touched).
public struct VarianceSweepRequest: Sendable {
    public var kernel: String?
    public var estimator: String?
    public var projection: String?
    public var dim: String?
    public var features: String?
    public var pairs: Int?
    public var trials: Int?
    public var input: String?
    public var radius: String?
    public var sigma: Double?
    public var bias: Double?
    public var coefficients: String?
    public var degree: Int?
    public var coef: Double?
    public var urfM: String?
    public var seed: UInt64?
    public var threads: Int?
    public var shard: String?
    public var out: String?
    public var preset: String?
    /// `--gram`: per-trial relative Frobenius error of the approximate Gram matrix of two point sets.
    public var gram = false
    /// `--points N`: the points of each of the two sets in `--gram` mode.
    public var points: Int?
    public var quiet = false
    /// `--independent-features`: every cell draws alone (`FeatureDesign.independent`).
    public var independentFeatures = false
    /// The arguments as given (for the sidecar).
    public var commandLine: [String] = []

    public init() {}

    /// The seed when `--seed` is not given.
    public static let defaultSeed: UInt64 = 1
    /// The output of a custom grid when `--out` is not given (presets use `results/<preset>.csv`).
    public static let defaultOut = "results/variance-sweep.csv"
    /// The points of each set in `--gram` mode when `--points` is not given.
    public static let defaultGramPoints = 200

    public func configuration(lookup: EstimatorLookup = EstimatorLookup()) throws -> VarianceSweepConfiguration {
        let gridFlags: [(String, Bool)] = [
            ("--kernel", kernel != nil), ("--estimator", estimator != nil), ("--projection", projection != nil),
            ("--dim", dim != nil), ("--features", features != nil), ("--input", input != nil), ("--radius", radius != nil),
            ("--sigma", sigma != nil), ("--bias", bias != nil), ("--coefficients", coefficients != nil),
            ("--degree", degree != nil), ("--coef", coef != nil), ("--urf-m", urfM != nil),
        ]
        let given = gridFlags.filter(\.1).map(\.0)
        var preset: SweepPreset? = nil
        if let name = self.preset {
            preset = try SweepPreset.named(name)
            if let flag = given.first {
                throw RFToolError.usage("\(flag) cannot be combined with --preset (a preset fixes its grid); drop one of them")
            }
        } else if given.isEmpty && !gram {
            preset = .quick
        }
        let gramMode = gram || preset?.gram == true
        if gram, let preset, !preset.gram {
            throw RFToolError.usage("--gram cannot be combined with --preset \(preset.name), a point-wise preset (the Gram preset is gram-digits)")
        }
        if gramMode {
            if pairs != nil { throw RFToolError.usage("--pairs: not used with --gram; the two point sets are sized by --points") }
            if shard != nil { throw RFToolError.usage("--shard: not supported with --gram (rftool merge joins point-wise sweeps only); run the Gram sweep whole") }
            if let n = points, n < 1 { throw RFToolError.usage("--points: must be at least 1; got \(n)") }
        } else if points != nil {
            throw RFToolError.usage("--points: only used with --gram (the size of each of the two point sets)")
        }

        if let t = trials, t < 2 { throw RFToolError.usage("--trials: must be at least 2; got \(t)") }
        if let p = pairs, p < 1 { throw RFToolError.usage("--pairs: must be at least 1; got \(p)") }
        if let n = threads, n < 1 { throw RFToolError.usage("--threads: must be at least 1; got \(n)") }
        let shardSpec = try shard.map(ShardSpec.init(parsing:))
        let outNames = try OutputNames(out: out ?? preset.map { "results/\($0.name).csv" } ?? Self.defaultOut)
        let pairCount = gramMode ? (points ?? preset?.pairs ?? Self.defaultGramPoints) : (pairs ?? preset?.pairs ?? 32)
        let seed = self.seed ?? Self.defaultSeed

        var groups: [SweepGroup]
        if let preset {
            groups = preset.groups
            if let file = preset.dataFile {
                guard FileManager.default.fileExists(atPath: file) else {
                    throw RFToolError.data("--preset \(preset.name): reads '\(file)' relative to the current directory, which has no such file; run it from the repository root")
                }
                let batch = try GramPointFile.load(path: file, points: pairCount, seed: seed, flag: "--preset \(preset.name)")
                for g in groups.indices { groups[g].source = .data(name: file, pairs: batch) }
            }
        } else {
            groups = [try customGroup(pairCount: pairCount, gram: gramMode, seed: seed)]
        }
        let trialCount = trials ?? preset?.trials ?? 1000
        let plan: ExperimentPlan
        do {
            plan = try ExperimentPlan(groups: groups, lookup: lookup, trials: trialCount, pairs: pairCount, seed: seed,
                                      featureDesign: independentFeatures || gramMode ? .independent : .nested)
        } catch let error as ExperimentPlanError {
            throw RFToolError.usage(error.description)
        }
        return VarianceSweepConfiguration(
            plan: plan, presetName: preset?.name, checks: preset?.checks ?? [],
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount,
            shard: shardSpec, output: outNames.sharded(shardSpec), quiet: quiet, commandLine: commandLine,
            gram: gramMode)
    }

    /// The one group a command line describes; unset lists take the default grid's values.
    func customGroup(pairCount: Int, gram: Bool = false, seed: UInt64 = defaultSeed) throws -> SweepGroup {
        let base = SweepPreset.quick.groups[0]
        var group = base
        group.kernels = try kernel.map { try ListParsing.names($0, flag: "--kernel") }
        if let estimator {
            let names = try ListParsing.names(estimator, flag: "--estimator")
            group.estimators = names == ["all"] ? nil : names
        }
        group.projections = try projection.map { try ListParsing.projections($0) } ?? [.iid]
        group.dimensions = try dim.map { try ListParsing.integers($0, flag: "--dim") } ?? base.dimensions
        group.features = try features.map { try ListParsing.integers($0, flag: "--features") } ?? base.features
        group.radii = try radius.map { try ListParsing.numbers($0, flag: "--radius", positive: true) } ?? base.radii
        group.parameters = try kernelParameters()
        group.source = try pairSource(pairCount: pairCount, gram: gram, seed: seed)
        if case .data(let name, let batch) = group.source, let dim {
            let dims = try ListParsing.integers(dim, flag: "--dim")
            if dims != [batch.dimension] {
                throw RFToolError.usage("--dim: \(dim) does not match the \(batch.dimension) columns of '\(name)'; omit --dim with --input FILE")
            }
        }
        if radius != nil {
            switch group.source {
            case .protocolDesign, .sphere, .sphereAngles: break
            default: throw RFToolError.usage("--radius: applies to sphere pairs (--input sphere or sphere-angles, or the default design of dot-product kernels), not to --input \(group.source.label)")
            }
        }
        return group
    }

    func pairSource(pairCount: Int, gram: Bool = false, seed: UInt64 = defaultSeed) throws -> PairSource {
        guard let input else { return .protocolDesign }
        switch input {
        case "sphere": return .sphere
        case "gaussian": return .gaussian
        case "uniform": return .uniform
        case "uniform-cross": return .uniformCross
        case "sphere-angles": return .sphereAngles
        case "protocol": return .protocolDesign
        default:
            if gram {
                return .data(name: input, pairs: try GramPointFile.load(path: input, points: pairCount, seed: seed))
            }
            return .data(name: input, pairs: try PairFile.load(path: input, pairs: pairCount))
        }
    }

    func kernelParameters() throws -> KernelParameters {
        var p = KernelParameters()
        if let sigma {
            guard sigma > 0 && sigma.isFinite else { throw RFToolError.usage("--sigma: must be positive and finite; got \(sigma)") }
            p.sigma = sigma
        }
        if let bias {
            guard bias.isFinite else { throw RFToolError.usage("--bias: must be finite; got \(bias)") }
            p.bias = bias
        }
        if let coefficients {
            guard degree == nil && coef == nil else {
                throw RFToolError.usage("--coefficients cannot be combined with --degree/--coef; give one form")
            }
            p.coefficients = try ListParsing.numbers(coefficients, flag: "--coefficients")
        } else if let degree {
            guard (0...64).contains(degree) else { throw RFToolError.usage("--degree: must be in 0...64; got \(degree)") }
            let c = coef ?? 1
            guard c.isFinite else { throw RFToolError.usage("--coef: must be finite; got \(c)") }
            p.coefficients = KernelParameters.binomialCoefficients(degree: degree, offset: c)
        } else if coef != nil {
            throw RFToolError.usage("--coef needs --degree (the polynomial is (x·y + coef)^degree)")
        }
        if let urfM {
            if urfM == "optimal" {
                p.urfM = .optimal
            } else if let m = Double(urfM), m >= 0, m.isFinite {
                p.urfM = .value(m)
            } else {
                throw RFToolError.usage("--urf-m: expected a number ≥ 0 or 'optimal'; got '\(urfM)'")
            }
        }
        return p
    }
}

/// A validated sweep, ready to run.
public struct VarianceSweepConfiguration: Sendable {
    public let plan: ExperimentPlan
    public let presetName: String?
    public let checks: [AcceptanceCheck]
    public let threads: Int
    public let shard: ShardSpec?
    /// The files this run writes (already suffixed for a shard).
    public let output: OutputNames
    public let quiet: Bool
    public let commandLine: [String]
    /// `--gram` (or a Gram preset): per-trial Gram errors instead of point-wise statistics.
    public let gram: Bool

    public init(plan: ExperimentPlan, presetName: String?, checks: [AcceptanceCheck], threads: Int,
                shard: ShardSpec?, output: OutputNames, quiet: Bool, commandLine: [String], gram: Bool = false) {
        self.gram = gram
        self.plan = plan
        self.presetName = presetName
        self.checks = checks
        self.threads = threads
        self.shard = shard
        self.output = output
        self.quiet = quiet
        self.commandLine = commandLine
    }

    /// The cells this run executes: the plan, or its shard.
    public var cells: [Cell] {
        guard let shard else { return plan.cells }
        return plan.shard(index: shard.index, count: shard.count)
    }
}
