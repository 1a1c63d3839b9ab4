import ArgumentParser
import RFToolCore

extension RFTool {
    /// `rftool kernels`: the catalogue of kernels, estimators, valid projections and formulas.
    struct Kernels: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every kernel, its estimators (default marked *), their valid projections and formulas.")

        func run() throws {
            print(KernelsTable.render(KernelsTable.rows()), terminator: "")
        }
    }
}
