/// Parameter checks shared by the polynomial-kernel estimators.
enum PolynomialChecks {
    static func validate(_ parameters: KernelParameters) throws {
        guard !parameters.coefficients.isEmpty else {
            throw EstimatorError("--coefficients needs at least one number a0,a1,...")
        }
        if let bad = parameters.coefficients.first(where: { !$0.isFinite }) {
            throw EstimatorError("--coefficients must be finite numbers; got \(bad)")
        }
        guard parameters.bias.isFinite else { throw EstimatorError("--bias must be a finite number; got \(parameters.bias)") }
    }

    /// Orders i ≥ 1 with aᵢ ≠ 0, ascending.
    static func activeOrders(_ coefficients: [Double]) -> [Int] {
        coefficients.indices.filter { $0 >= 1 && coefficients[$0] != 0 }
    }
}
