extension EstimatorCatalog {
    /// Catalogue entries of this family (filled in as the estimators land).
    static var shiftInvariant: [EstimatorEntry] { [] }
}
