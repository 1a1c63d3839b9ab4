import Foundation
import Layers
import RandomFeatures

/// A saved layer: a JSON file holding its `LayerRecord` and the names of its array
/// files, and each learned array as a float32 `.npy` beside it
/// (`STEM.NAME.npy` for `STEM.json`). Fixed random matrices are regenerated from
/// the record's seed, never written. Arrays are written as `<f4` from the Float
/// values the forward pass uses, so a reloaded layer is bit for bit the same.
///
///     {
///       "format" : "rftool-layer", "version" : 1,
///       "layer" : { "kind" : "dyad", "inputDimension" : 4096, …, "parameters" : { "blocks" : 4 } },
///       "arrays" : { "bias" : "layer.bias.npy", "lower" : "layer.lower.npy", … }
///     }
///
/// All files are written at once or not at all (`AtomicFileGroup`).
public enum LayerFile {
    public static let format = "rftool-layer"
    public static let version = 1

    struct Contents: Codable {
        var format: String
        var version: Int
        var layer: LayerRecord
        var arrays: [String: String]
    }

    /// The paths `save` writes: the JSON first, then each array by name.
    public static func arrayPath(for jsonPath: String, array name: String) -> String {
        let url = URL(fileURLWithPath: jsonPath)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent("\(stem).\(name).npy").path
    }

    /// Saves `layer` to `path` (a `.json` file) and its arrays beside it.
    public static func save(_ layer: any RecordableLayer, to path: String, flag: String = "--out") throws {
        guard path.hasSuffix(".json") else {
            throw RFToolError.usage("\(flag): the layer file must end in .json; got '\(path)'")
        }
        var names = [String: String]()
        var files = [(path: String, data: Data)]()
        for (name, matrix) in layer.arrays.sorted(by: { $0.key < $1.key }) {
            let arrayPath = arrayPath(for: path, array: name)
            names[name] = URL(fileURLWithPath: arrayPath).lastPathComponent
            files.append((arrayPath, NPY.encode(matrix)))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let json = try encoder.encode(Contents(format: format, version: version, layer: layer.record, arrays: names))
        files.append((path, json + Data("\n".utf8)))
        try AtomicFileGroup.write(files)
    }

    /// Loads a layer saved by `save`; every problem is a one-line data error naming `flag`.
    public static func load(_ path: String, flag: String = "--layer") throws -> any FittableLayer {
        guard path.hasSuffix(".json") else {
            throw RFToolError.usage("\(flag): expected a layer file ending in .json (written by rftool fit-layer); got '\(path)'")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RFToolError.data("\(flag): cannot read '\(path)': \(error.localizedDescription)")
        }
        let contents: Contents
        do { contents = try JSONDecoder().decode(Contents.self, from: data) } catch {
            throw RFToolError.data("\(flag): \(path) is not an rftool layer file (\(error.localizedDescription))")
        }
        guard contents.format == format, contents.version == version else {
            throw RFToolError.data("\(flag): \(path) has format '\(contents.format)' version \(contents.version); expected '\(format)' version \(version)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var arrays = [String: Matrix<Float>]()
        for (name, file) in contents.arrays {
            let arrayPath = folder.appendingPathComponent(file).path
            let bytes: Data
            do { bytes = try Data(contentsOf: URL(fileURLWithPath: arrayPath)) } catch {
                throw RFToolError.data("\(flag): array '\(name)' of \(path): cannot read '\(arrayPath)'")
            }
            let (matrix, type) = try NPY.read(bytes, flag: flag, path: arrayPath)
            guard type == .float32 else {
                throw RFToolError.data("\(flag): array '\(name)' in \(arrayPath) is float64; layer arrays are float32")
            }
            arrays[name] = matrix.converted()   // float32 → Double → Float is exact
        }
        do {
            return try LayerKinds.load(record: contents.layer, arrays: arrays)
        } catch let error as LayerError {
            throw RFToolError.data("\(flag): \(path): \(error.description)")
        }
    }
}
