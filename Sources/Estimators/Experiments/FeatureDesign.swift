/// How the cells of a sweep that differ only in the feature count m draw their randomness.
public enum FeatureDesign: String, Sendable, Codable, CaseIterable {
    /// Common random numbers across m (the default of `rftool variance-sweep`): trial t of
    /// every cell of a group (same kernel, estimator, projection, d, pairs and parameters)
    /// draws from the group's stream, and the cell with m features uses the leading m rows of
    /// that trial's largest draw, as error-against-m curves are usually drawn ([ORF16]'s
    /// figures take prefixes of one projection). Each cell's T trials are independent and each
    /// estimate has exactly the distribution of an m-feature estimator, so every per-cell
    /// statistic is unchanged in law; only cells of one group are correlated with one another
    /// (smoother curves against m). One draw of the largest m serves the whole group.
    case nested
    /// Every cell draws from its own stream (`Cell.id`, which includes m): cells are
    /// independent of one another; a group costs the sum of its feature counts.
    case independent
}
