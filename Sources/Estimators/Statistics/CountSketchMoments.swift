/// Exact raw moments E Zⁿ (n ≤ 4) of one order-p TensorSketch inner product
/// Z = ⟨TS_p x, TS_p y⟩ of width D with fully random hashes and signs
/// (ALGORITHMS.md §5.9) [derived here; checked by exhaustive enumeration and Monte Carlo in
/// TensorSketchFourthMomentTests].
///
/// 1. Fourier. TS_p x = c2r(Πⱼ r2c(Cⱼ x))/D, so with X̂ⱼ(ω) = Σᵣ sⱼ(r) xᵣ e^{2πiω hⱼ(r)/D},
///    Parseval gives Z = D⁻¹ Σ_{ω∈Z_D} Πⱼ Qⱼ(ω), Qⱼ(ω) = X̂ⱼ(ω) Ŷⱼ(−ω). The p factors are iid, so
///
///        E Zⁿ = D⁻ⁿ Σ_{ω ∈ Z_Dⁿ} G(ω)ᵖ,        G(ω) = E Π_{a=1}^{n} Q(ω_a)   (one CountSketch).
///
/// 2. One CountSketch. Q(ω_a) has an x-slot (coordinate i_a, phase +ω_a) and a y-slot (j_a,
///    phase −ω_a): 2n slots in all. Group the slots by coordinate: a set partition π of the
///    slots. Coordinates are independent, so E over a block B with coordinate r is
///    E s(r)^{|B|} · E e^{2πi h(r)(c_B·ω)/D} = [|B| even]·[c_B·ω ≡ 0 mod D], where
///    c_B ∈ {−1, 0, 1}ⁿ is (#x_a − #y_a in B)_a. Hence
///
///        G(ω) = Σ_{π, blocks even} [ω ∈ L(π)] w(π),    L(π) = {ω : c_B·ω ≡ 0 ∀ B ∈ π},
///        w(π) = Σ_{distinct r_B} Π_B x_{r_B}^{#x(B)} y_{r_B}^{#y(B)}
///             = Σ_{σ partition of π's blocks} Π_{U∈σ} (−1)^{|U|−1}(|U|−1)! P(#x(U), #y(U)),
///
///    with P(a, b) = Σᵣ xᵣᵃ yᵣᵇ (Möbius inversion on the partition lattice).
/// 3. The p-th power and the ω-sum. G = Σ_L W(L)[ω ∈ L] over the row lattices L (Z-span of
///    the c_B), so Σ_ω G(ω)ᵖ = Σ_{L₁…L_p} Πⱼ W(Lⱼ) · #{ω ∈ Z_Dⁿ : ω ∈ L₁ + … + L_p}, and the
///    count of solutions of Mω ≡ 0 (mod D) for a row lattice M with diagonal (Smith) form
///    diag(f₁…f_n) (f = 0 past its rank) is Πᵢ gcd(fᵢ, D) — this is where even and odd D
///    differ (n = 2 reproduces the c_D of `sketchVariance`).
///
/// The lattices, their sums and their diagonal forms depend on n only; they are built once
/// (`table(order:)`); a call evaluates the P(a, b) and runs the p-step sum numerically.
enum CountSketchMoments {
    /// One G-lattice's weight: Σ coefficient · Π P(a, b) over its monomials.
    struct Monomial: Hashable, Sendable {
        let powers: [Pair]          // sorted
        struct Pair: Hashable, Comparable, Sendable {
            let a: Int, b: Int
            static func < (l: Pair, r: Pair) -> Bool { (l.a, l.b) < (r.a, r.b) }
        }
    }

    struct Table: Sendable {
        let order: Int
        /// Per G-lattice: its state index and its weight polynomial.
        let generators: [(state: Int, weight: [(Monomial, Double)])]
        /// Every sum of G-lattices (state 0 is {0}); next[s][g] = state of s + generator g.
        let next: [[Int]]
        /// Diagonal form of each state (length n, 0 past the rank).
        let diagonal: [[Int]]
    }

    static let tables: [Table] = (1...4).map(buildTable)

    /// E Zⁿ for n = 1…4 at the pair (x, y) for order p and width D.
    static func rawMoment(_ n: Int, order p: Int, width D: Int, x: [Double], y: [Double]) -> Double {
        precondition((1...4).contains(n) && p >= 1 && D >= 1 && x.count == y.count)
        let t = tables[n - 1]
        var power = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n + 1)
        for a in 0...n { for b in 0...n where a + b > 0 {
            var s = 0.0
            for r in x.indices { s += pow(x[r], a) * pow(y[r], b) }
            power[a][b] = s
        } }
        let w: [Double] = t.generators.map { g in
            g.weight.reduce(0.0) { acc, term in
                acc + term.1 * term.0.powers.reduce(1.0) { $0 * power[$1.a][$1.b] }
            }
        }
        var dp = [Double](repeating: 0, count: t.next.count)
        dp[0] = 1
        for _ in 0..<p {
            var nd = [Double](repeating: 0, count: t.next.count)
            for s in dp.indices where dp[s] != 0 {
                for (g, ws) in w.enumerated() where ws != 0 { nd[t.next[s][g]] += dp[s] * ws }
            }
            dp = nd
        }
        let dd = Double(D)
        var sum = 0.0
        for s in dp.indices where dp[s] != 0 {
            // #solutions / Dⁿ = Πᵢ gcd(fᵢ, D)/D.
            let fraction = t.diagonal[s].reduce(1.0) { $0 * Double(gcd($1, D)) / dd }
            sum += dp[s] * fraction
        }
        return sum
    }

    private static func pow(_ v: Double, _ k: Int) -> Double {
        var r = 1.0
        for _ in 0..<k { r *= v }
        return r
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (u, v) = (abs(a), abs(b))
        while v != 0 { (u, v) = (v, u % v) }
        return u
    }

    // MARK: Building the table

    /// Set partitions of 0..<k as restricted-growth labels.
    static func setPartitions(_ k: Int) -> [[Int]] {
        guard k > 0 else { return [[]] }
        var out: [[Int]] = []
        var label = [Int](repeating: 0, count: k)
        func go(_ i: Int, _ maxLabel: Int) {
            if i == k { out.append(label); return }
            for l in 0...(maxLabel + 1) { label[i] = l; go(i + 1, max(maxLabel, l)) }
        }
        label[0] = 0
        go(1, 0)
        return out
    }

    private static func buildTable(_ n: Int) -> Table {
        // Slots 2a (x_a, +e_a) and 2a + 1 (y_a, −e_a).
        var weights: [[[Int]]: [Monomial: Double]] = [:]
        for labels in setPartitions(2 * n) {
            let k = (labels.max() ?? -1) + 1
            var counts = [(x: Int, y: Int)](repeating: (0, 0), count: k)
            var rows = [[Int]](repeating: [Int](repeating: 0, count: n), count: k)
            for (slot, l) in labels.enumerated() {
                if slot % 2 == 0 { counts[l].x += 1; rows[l][slot / 2] += 1 } else { counts[l].y += 1; rows[l][slot / 2] -= 1 }
            }
            guard counts.allSatisfy({ ($0.x + $0.y) % 2 == 0 }) else { continue }
            let key = hermite(rows, columns: n)
            for sigma in setPartitions(k) {
                let groups = (sigma.max() ?? -1) + 1
                var gx = [Int](repeating: 0, count: groups), gy = gx, size = gx
                for (b, g) in sigma.enumerated() { gx[g] += counts[b].x; gy[g] += counts[b].y; size[g] += 1 }
                var coefficient = 1.0
                for s in size { coefficient *= (s % 2 == 1 ? 1 : -1) * Double(factorial(s - 1)) }
                let mono = Monomial(powers: (0..<groups).map { Monomial.Pair(a: gx[$0], b: gy[$0]) }.sorted())
                weights[key, default: [:]][mono, default: 0] += coefficient
            }
        }
        let keys = weights.keys.sorted { $0.description < $1.description }
        var states: [[[Int]]] = [[]]
        var index: [[[Int]]: Int] = [[]: 0]
        var next: [[Int]] = []
        var s = 0
        while s < states.count {
            var row: [Int] = []
            for key in keys {
                let sum = hermite(states[s] + key, columns: n)
                if let i = index[sum] { row.append(i) } else { index[sum] = states.count; row.append(states.count); states.append(sum) }
            }
            next.append(row)
            s += 1
        }
        // Each generator's terms in a fixed order (a Dictionary's order changes from process to
        // process, and with it the rounding of the weight sums: same seed, same bytes).
        // Generators are applied as "sum with key": the DP uses next[s][g] with g indexing keys.
        let generators = keys.map { key in
            (state: index[key]!,
             weight: weights[key]!.filter { $0.value != 0 }
                .sorted { $0.key.powers.lexicographicallyPrecedes($1.key.powers) }
                .map { ($0.key, $0.value) })
        }
        return Table(order: n, generators: generators, next: next, diagonal: states.map { diagonalForm($0, columns: n) })
    }

    private static func factorial(_ k: Int) -> Int { k <= 1 ? 1 : k * factorial(k - 1) }

    /// Hermite normal form (canonical basis of the row lattice), zero rows dropped.
    static func hermite(_ input: [[Int]], columns n: Int) -> [[Int]] {
        var a = input.filter { $0.contains { $0 != 0 } }
        var out: [[Int]] = []
        for col in 0..<n where !a.isEmpty {
            while true {
                let nz = a.indices.filter { a[$0][col] != 0 }
                if nz.count <= 1 { break }
                let piv = nz.min { abs(a[$0][col]) < abs(a[$1][col]) }!
                for i in nz where i != piv {
                    let q = a[i][col] / a[piv][col]
                    a[i] = (0..<n).map { a[i][$0] - q * a[piv][$0] }
                }
            }
            if let piv = a.firstIndex(where: { $0[col] != 0 }) {
                var r = a.remove(at: piv)
                if r[col] < 0 { r = r.map { -$0 } }
                for k in out.indices {
                    let v = out[k][col]
                    let q = v >= 0 ? v / r[col] : -((-v + r[col] - 1) / r[col])
                    if q != 0 { out[k] = (0..<n).map { out[k][$0] - q * r[$0] } }
                }
                out.append(r)
            }
            a = a.filter { $0.contains { $0 != 0 } }
        }
        return out
    }

    /// A diagonal form diag(f₁…f_n) of the row lattice (unimodular row and column moves),
    /// padded with 0; Πᵢ gcd(fᵢ, D) counts the solutions mod D.
    static func diagonalForm(_ rows: [[Int]], columns n: Int) -> [Int] {
        var m = rows
        var f: [Int] = []
        var t = 0
        while t < min(m.count, n) {
            // Smallest nonzero entry of the remaining block to (t, t).
            var best: (Int, Int)? = nil
            for i in t..<m.count { for j in t..<n where m[i][j] != 0 {
                if best == nil || abs(m[i][j]) < abs(m[best!.0][best!.1]) { best = (i, j) }
            } }
            guard let (bi, bj) = best else { break }
            m.swapAt(t, bi)
            for i in m.indices { m[i].swapAt(t, bj) }
            var clean = true
            for i in (t + 1)..<max(t + 1, m.count) where m[i][t] != 0 {
                let q = m[i][t] / m[t][t]
                m[i] = (0..<n).map { m[i][$0] - q * m[t][$0] }
                if m[i][t] != 0 { clean = false }
            }
            for j in (t + 1)..<max(t + 1, n) where m[t][j] != 0 {
                let q = m[t][j] / m[t][t]
                for i in m.indices { m[i][j] -= q * m[i][t] }
                if m[t][j] != 0 { clean = false }
            }
            if clean { f.append(abs(m[t][t])); t += 1 }
        }
        return f + [Int](repeating: 0, count: n - f.count)
    }
}
