import RandomFeatures

/// Why a sweep cannot be planned: the flag at fault and a one-line message
/// that lists what is accepted.
public struct ExperimentPlanError: Error, CustomStringConvertible, Sendable {
    public let flag: String
    public let message: String
    public init(flag: String, _ message: String) {
        self.flag = flag
        self.message = message
    }
    public var description: String { "\(flag): \(message)" }
}

/// The cells of a sweep, in a fixed order, with the pair sets they share.
///
/// The plan is the product of each group's lists (kernel × estimator ×
/// projection × d × radius × m, m varying fastest) minus the combinations
/// that are not meaningful. Each dropped combination is described by one line
/// in `notes` (the command prints them on stderr): nothing is skipped silently.
///
/// Dropped: an estimator the kernel does not offer; a projection the estimator
/// refuses (`validProjections`, ALGORITHMS.md §5.3); a projection that cannot be
/// drawn at (m, d); parameters the estimator refuses; pairs it refuses
/// (`validate`, `exact`); a cell identical to an earlier one.
public struct ExperimentPlan: Sendable {
    public let seed: UInt64
    /// T, trials per cell.
    public let trials: Int
    /// P, pairs per cell.
    public let pairCount: Int
    public let cells: [Cell]
    public let pairSets: [PairSet]
    /// One line per skipped combination.
    public let notes: [String]
    /// Whether cells that differ only in m share each trial's draw.
    public let featureDesign: FeatureDesign
    /// The cells' groups (plan indices, ascending m): cells that differ only in m under
    /// `.nested`, one cell each under `.independent`.
    public let groups: [[Int]]
    /// `groups` index of each cell.
    public let groupOfCell: [Int]

    /// Plans the product of `groups`.
    /// - Throws: `ExperimentPlanError` for names the catalogue does not know,
    ///   empty lists and out-of-range values; never for a merely meaningless combination.
    public init(groups: [SweepGroup], lookup: EstimatorLookup, trials: Int, pairs: Int, seed: UInt64,
                featureDesign: FeatureDesign = .independent) throws {
        guard trials >= 2 else { throw ExperimentPlanError(flag: "--trials", "must be at least 2; got \(trials)") }
        guard pairs >= 1 else { throw ExperimentPlanError(flag: "--pairs", "must be at least 1; got \(pairs)") }
        guard !lookup.entries.isEmpty else {
            throw ExperimentPlanError(flag: "--kernel", "the estimator catalogue is empty: no kernel is available yet")
        }
        self.seed = seed
        self.trials = trials
        pairCount = pairs
        var builder = PlanBuilder(lookup: lookup, pairCount: pairs, seed: seed)
        for group in groups { try builder.add(group) }
        cells = builder.cells
        pairSets = builder.pairSets
        notes = builder.notes.lines
        self.featureDesign = featureDesign
        let planned = builder.cells
        var groupIndex: [String: Int] = [:]
        var members: [[Int]] = []
        var groupOfCell = [Int](repeating: 0, count: planned.count)
        for cell in planned {
            let key = featureDesign == .nested ? cell.groupID : cell.id
            let g = groupIndex[key] ?? {
                members.append([])
                groupIndex[key] = members.count - 1
                return members.count - 1
            }()
            members[g].append(cell.index)
            groupOfCell[cell.index] = g
        }
        self.groups = members.map { $0.sorted { planned[$0].features < planned[$1].features } }
        self.groupOfCell = groupOfCell
    }

    /// The cells of shard `index` of `count`: the cells of every group (`groups`) whose index is
    /// ≡ index (mod count). Under `.independent` a group is one cell, so this is every cell whose
    /// plan index is ≡ index (mod count); under `.nested` a group's feature counts stay together,
    /// so no two shards draw the same group. Round-robin slices balance cheap and costly groups.
    public func shard(index: Int, count: Int) -> [Cell] {
        precondition(count >= 1 && index >= 0 && index < count)
        return cells.filter { groupOfCell[$0.index] % count == index }
    }

    /// A hash of everything that determines the numbers: seed, T, P, the cells'
    /// identities and the pairs. Shards of one sweep share it; `merge` checks it.
    public var fingerprint: String {
        var h = StableHash.fnv1a64("seed=\(seed);trials=\(trials);pairs=\(pairCount)"
                                   + (featureDesign == .nested ? ";features=nested" : ""))
        for cell in cells { h = StableHash.combine(h, StableHash.fnv1a64(cell.id)) }
        for set in pairSets {
            h = StableHash.combine(h, StableHash.fnv1a64(set.pairs.x.storage.map(\.bitPattern)))
            h = StableHash.combine(h, StableHash.fnv1a64(set.pairs.y.storage.map(\.bitPattern)))
        }
        return StableHash.hex(h)
    }
}

extension StableHash {
    /// FNV-1a over the little-endian bytes of 64-bit words.
    public static func fnv1a64(_ words: [UInt64]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for w in words {
            for shift in stride(from: 0, to: 64, by: 8) {
                h = (h ^ ((w >> UInt64(shift)) & 0xFF)) &* 0x0000_0100_0000_01b3
            }
        }
        return h
    }

    /// Order-dependent combination of two hashes.
    public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        fnv1a64([a, b])
    }
}

/// Gathers cells and skip notes while a plan is built.
struct PlanBuilder {
    let lookup: EstimatorLookup
    let pairCount: Int
    let seed: UInt64
    var cells: [Cell] = []
    var pairSets: [PairSet] = []
    var notes = SkipNotes()
    private var pairSetIndex: [String: Int] = [:]
    private var seenIDs = Set<String>()
    private var drawable: [String: String?] = [:]

    init(lookup: EstimatorLookup, pairCount: Int, seed: UInt64) {
        self.lookup = lookup
        self.pairCount = pairCount
        self.seed = seed
    }

    mutating func add(_ group: SweepGroup) throws {
        let kernels = try resolveKernels(group.kernels)
        let estimatorNames = try resolveEstimators(group.estimators, kernels: kernels)
        try checkLists(group)
        let dimensions: [Int]
        if case .data(_, let pairs) = group.source {
            dimensions = [pairs.dimension]
        } else {
            dimensions = group.dimensions
        }
        for kernel in kernels {
            for name in estimatorNames ?? lookup.entries(for: kernel).map(\.estimator) {
                guard let entry = lookup.entry(kernel: kernel, estimator: name) else {
                    notes.add(key: "\(kernel)/\(name)", "skipping \(kernel)/\(name): kernel \(kernel) has no estimator '\(name)' (it offers \(lookup.entries(for: kernel).map(\.estimator).joined(separator: ", ")))")
                    continue
                }
                let estimator: any PointwiseEstimator
                do {
                    estimator = try entry.make(group.parameters)
                } catch {
                    notes.add(key: "\(kernel)/\(name)/make", "skipping \(kernel)/\(name): \(error)")
                    continue
                }
                for projection in group.projections {
                    guard estimator.validProjections.contains(projection) else {
                        notes.add(key: "\(kernel)/\(name)/\(projection)",
                                  "skipping \(kernel)/\(name) with projection \(projection.rawValue): not meaningful for this estimator (valid: \(estimator.validProjections.map(\.rawValue).joined(separator: ", ")))")
                        continue
                    }
                    for d in dimensions {
                        for design in designs(for: kernel, group: group) {
                            try addCells(kernel: kernel, estimatorName: name, estimator: estimator, projection: projection,
                                         dimension: d, design: design, group: group)
                        }
                    }
                }
            }
        }
    }

    private mutating func addCells(kernel: String, estimatorName: String, estimator: any PointwiseEstimator,
                                   projection: ProjectionKind, dimension d: Int, design: PairDesign, group: SweepGroup) throws {
        let setIndex = pairSet(design: design, dimension: d, source: group.source)
        let set = pairSets[setIndex]
        // Exact values, theory and pair validation do not depend on m: check them once.
        var exact = [Double](repeating: 0, count: set.count)
        for p in 0..<set.count {
            let x = set.pairs.x.row(p), y = set.pairs.y.row(p)
            do {
                try estimator.validate(x: x, y: y)
                exact[p] = try estimator.exact(x: x, y: y)
            } catch {
                notes.add(key: "\(kernel)/\(estimatorName)/\(design.key)/\(d)",
                          "skipping \(kernel)/\(estimatorName) on pairs \(group.source.label) \(design.key) (d = \(d)): pair \(p): \(error)")
                return
            }
        }
        let distances: [Double?] = PairDesign.shiftInvariantKernels.contains(kernel)
            ? set.distances(sigma: group.parameters.sigma)
            : Array(repeating: nil, count: set.count)
        for m in group.features {
            if let reason = drawFailure(projection, rows: m, dimension: d) {
                notes.add(key: "\(kernel)/\(estimatorName)/\(projection)/draw/\(reason)",
                          prefix: "skipping \(kernel)/\(estimatorName) with projection \(projection.rawValue)",
                          dimension: d, features: m, reason: reason)
                continue
            }
            let theory: [Double?] = (0..<set.count).map { p in
                estimator.varianceTheory(x: set.pairs.x.row(p), y: set.pairs.y.row(p), features: m, projection: projection)
            }
            let finiteFourth: [Bool] = (0..<set.count).map { p in
                estimator.hasFiniteFourthMoment(x: set.pairs.x.row(p), y: set.pairs.y.row(p))
            }
            let fourthTheory: [Double?] = (0..<set.count).map { p in
                estimator.fourthCentralMomentTheory(x: set.pairs.x.row(p), y: set.pairs.y.row(p), features: m, projection: projection)
            }
            let id = Cell.identity(kernel: kernel, estimator: estimatorName, projection: projection, dimension: d,
                                   features: m, parameters: group.parameters, pairs: group.source.label, design: design)
            guard seenIDs.insert(id).inserted else {
                notes.add(key: "duplicate/\(id)", "skipping a repeated cell: \(id)")
                continue
            }
            cells.append(Cell(index: cells.count, kernel: kernel, estimator: estimatorName, projection: projection,
                              dimension: d, features: m, parameters: group.parameters, pairSetIndex: setIndex,
                              pairDesign: design, pairsFrom: group.source.label, exact: exact, varianceTheory: theory,
                              fourthMomentFinite: finiteFourth, fourthMomentTheory: fourthTheory,
                              distances: distances, estimatorInstance: estimator))
        }
    }

    /// The pair designs a kernel gets from a group's source.
    private mutating func designs(for kernel: String, group: SweepGroup) -> [PairDesign] {
        switch group.source {
        case .protocolDesign:
            if PairDesign.shiftInvariantKernels.contains(kernel) {
                return [.shiftInvariant(sigma: group.parameters.sigma)]
            }
            return group.radii.map { .sphere(radius: $0) }
        case .sphere: return group.radii.map { .sphere(radius: $0) }
        case .gaussian: return [.gaussian]
        case .uniform: return [.uniform]
        case .uniformCross: return [.uniformCross]
        case .sphereAngles: return group.radii.map { .sphereAngles(radius: $0) }
        case .data(let name, _): return [.data(name: name)]
        }
    }

    /// The index of the pair set for (design, d), drawing it on first use.
    private mutating func pairSet(design: PairDesign, dimension d: Int, source: PairSource) -> Int {
        let key = "\(design.key)/d=\(d)"
        if let i = pairSetIndex[key] { return i }
        let set: PairSet
        if case .data(_, let pairs) = source {
            set = PairSet(design: design, pairs: pairs)
        } else {
            let stream = RandomStream(seed: seed).child(StreamTag.pairs, StableHash.fnv1a64(key))
            set = PairSet.draw(design: design, dimension: d, count: pairCount, stream: stream)
        }
        pairSets.append(set)
        pairSetIndex[key] = pairSets.count - 1
        return pairSets.count - 1
    }

    /// Why `projection` cannot be drawn at (m, d), or nil when it can (probed once per shape).
    private mutating func drawFailure(_ projection: ProjectionKind, rows m: Int, dimension d: Int) -> String? {
        let key = "\(projection.rawValue)/\(m)/\(d)"
        if let known = drawable[key] { return known }
        var reason: String? = nil
        do {
            _ = try projection.draw(rowCount: m, inputDimension: d, stream: RandomStream(seed: 0))
        } catch {
            reason = "\(error)"
        }
        drawable[key] = reason
        return reason
    }

    private func resolveKernels(_ names: [String]?) throws -> [String] {
        let valid = lookup.kernelNames
        guard let names else { return valid }
        guard !names.isEmpty else { throw ExperimentPlanError(flag: "--kernel", "empty list; valid kernels: \(valid.joined(separator: ", "))") }
        for name in names where !valid.contains(name) {
            throw ExperimentPlanError(flag: "--kernel", "unknown kernel '\(name)'; valid kernels: \(valid.joined(separator: ", "))")
        }
        return names
    }

    private func resolveEstimators(_ names: [String]?, kernels: [String]) throws -> [String]? {
        guard let names else { return nil }
        let valid = lookup.estimatorNames(for: kernels)
        guard !names.isEmpty else { throw ExperimentPlanError(flag: "--estimator", "empty list; valid for \(kernels.joined(separator: ", ")): \(valid.joined(separator: ", "))") }
        for name in names where !valid.contains(name) {
            throw ExperimentPlanError(flag: "--estimator", "unknown estimator '\(name)' for kernels \(kernels.joined(separator: ", ")); valid: \(valid.joined(separator: ", "))")
        }
        return names
    }

    private func checkLists(_ group: SweepGroup) throws {
        guard !group.projections.isEmpty else {
            throw ExperimentPlanError(flag: "--projection", "empty list; valid projections: \(ProjectionKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if case .data = group.source {} else {
            guard !group.dimensions.isEmpty else { throw ExperimentPlanError(flag: "--dim", "empty list") }
            for d in group.dimensions where d < 1 {
                throw ExperimentPlanError(flag: "--dim", "dimensions must be at least 1; got \(d)")
            }
        }
        if case .uniformCross = group.source {
            let k = PairSet.crossSide(pairs: pairCount)
            guard k * k == pairCount else {
                throw ExperimentPlanError(flag: "--pairs", "--input uniform-cross pairs every one of k inputs with every one of k weights, so P must be a square (4, 9, 16, …); got \(pairCount)")
            }
        }
        guard !group.features.isEmpty else { throw ExperimentPlanError(flag: "--features", "empty list") }
        for m in group.features where m < 1 {
            throw ExperimentPlanError(flag: "--features", "feature counts must be at least 1; got \(m)")
        }
        for r in group.radii where !(r > 0 && r.isFinite) {
            throw ExperimentPlanError(flag: "--radius", "radii must be positive and finite; got \(r)")
        }
        guard group.parameters.sigma > 0 && group.parameters.sigma.isFinite else {
            throw ExperimentPlanError(flag: "--sigma", "must be positive and finite; got \(group.parameters.sigma)")
        }
    }
}
