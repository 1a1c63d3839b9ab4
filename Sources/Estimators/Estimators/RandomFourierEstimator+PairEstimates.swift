import RandomFeatures

// MARK: - Point-wise estimates of the trig map through the differences

extension RandomFourierFeatureMap {
    /// The trig map's estimate for each pair, computed from the differences:
    ///
    ///     ⟨φ(xₚ), φ(yₚ)⟩ = (1/m) Σⱼ [cos(wⱼ·xₚ/σ) cos(wⱼ·yₚ/σ) + sin(wⱼ·xₚ/σ) sin(wⱼ·yₚ/σ)]
    ///                    = (1/m) Σⱼ cos(wⱼ·δₚ),   δₚ = (xₚ − yₚ)/σ
    ///
    /// by cos a cos b + sin a sin b = cos(a − b) ([RR07]; ALGORITHMS.md §5.1), since every
    /// projection is linear (W x − W y = W(x − y)). One projection of P rows and m cosines
    /// per pair, instead of two projections and 2m cos/sin per side; equal to
    /// `pairEstimates` up to rounding. The cosines are written on one thread, since the sweep
    /// runs trials in parallel already; the sum over j is in column order, so the bytes do
    /// not depend on threads.
    func trigPairEstimates(_ pairs: PairBatch) throws -> [Double] {
        precondition(map == .trig, "the difference identity holds for the trig map only")
        try checkInput(pairs.x)
        let inverse = 1 / sigma
        var delta = pairs.x
        pairs.y.storage.withUnsafeBufferPointer { y in
            delta.storage.withUnsafeMutableBufferPointer { d in
                if sigma == 1 {
                    for i in d.indices { d[i] -= y[i] }
                } else {
                    for i in d.indices { d[i] = (d[i] - y[i]) * inverse }
                }
            }
        }
        let z = FeatureRowMath.project(rows, delta)
        let cosines = TrigonometricColumns.features(z, scale: 1, withSine: false, threads: 1)
        let m = cosines.columns
        return cosines.storage.withUnsafeBufferPointer { c in
            (0..<cosines.rows).map { p in
                var s = 0.0
                for j in 0..<m { s += c[p * m + j] }
                return s / Double(m)
            }
        }
    }
}
