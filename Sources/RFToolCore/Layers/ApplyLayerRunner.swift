import Foundation
import Layers
import RandomFeatures

/// `rftool apply-layer`: run a saved layer on inputs, write the outputs as float32 .npy.
public enum ApplyLayerRunner {
    public static func run(layer path: String, input: String, output: String) throws {
        guard output.hasSuffix(".npy") else { throw RFToolError.usage("--output: expected a file ending in .npy; got '\(output)'") }
        try LayerInputFiles.requireNPY(input, flag: "--input")
        let layer = try LayerFile.load(path)
        let x = try LayerInputFiles.matrix(input, flag: "--input")
        guard x.columns == layer.inputDimension else {
            throw RFToolError.data("--input: rows have \(x.columns) columns but the \(layer.kind) layer takes \(layer.inputDimension)")
        }
        let y: Matrix<Float>
        do { y = try layer.forward(x.converted()) } catch let error as LayerError { throw RFToolError.data(error.description) }
        try AtomicFile.write(NPY.encode(y), to: output)
    }
}
