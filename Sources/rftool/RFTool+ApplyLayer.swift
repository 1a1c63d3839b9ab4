import ArgumentParser
import Foundation
import RFToolCore

extension RFTool {
    /// `rftool apply-layer`: run a saved layer.
    struct ApplyLayer: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply-layer",
            abstract: "Run a layer saved by fit-layer on inputs; write its outputs as float32 .npy.")

        @Option(help: "Layer file (.json) written by fit-layer.") var layer: String
        @Option(help: "Inputs X, n x d_in (.npy).") var input: String
        @Option(help: "Output Y, n x d_out (.npy, float32).") var output: String

        func run() throws {
            do {
                try ApplyLayerRunner.run(layer: layer, input: input, output: output)
            } catch let error as RFToolError {
                FileHandle.standardError.write(Data("rftool apply-layer: \(error.message)\n".utf8))
                throw ExitCode(error.exitCode)
            }
        }
    }
}
