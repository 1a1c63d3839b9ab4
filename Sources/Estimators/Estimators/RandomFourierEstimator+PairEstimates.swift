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
    /// `pairEstimates` up to rounding. The mean cosine of each row is computed without writing
    /// the P×m cosines (`TrigonometricColumns.rowMeansOfCos`), on one thread since the sweep
    /// runs trials in parallel already; its sum over j is in eight lane-wise partial sums
    /// combined in a fixed order, so the bytes depend on neither threads nor instruction set.
    func trigPairEstimates(_ pairs: PairBatch) throws -> [Double] {
        precondition(map == .trig, "the difference identity holds for the trig map only")
        try checkInput(pairs.x)
        let z = FeatureRowMath.project(rows, scaledDifferences(pairs))
        return TrigonometricColumns.rowMeansOfCos(z)
    }

    /// δₚ = (xₚ − yₚ)/σ for every pair, as a P×d batch.
    private func scaledDifferences(_ pairs: PairBatch) -> Matrix<Double> {
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
        return delta
    }

    /// `trigPairEstimates` for the leading `prefixes` (ascending) of this map's m rows at once:
    /// result[i] holds the estimates of the map made of the first prefixes[i] rows, from one
    /// projection of the differences and one pass of cosines
    /// (`TrigonometricColumns.rowPrefixMeansOfCos`).
    func trigPairPrefixEstimates(_ pairs: PairBatch, prefixes: [Int]) throws -> [[Double]] {
        precondition(map == .trig, "the difference identity holds for the trig map only")
        try checkInput(pairs.x)
        let z = FeatureRowMath.project(rows, scaledDifferences(pairs))
        return TrigonometricColumns.rowPrefixMeansOfCos(z, prefixes: prefixes)
    }
}
