import Estimators
import Foundation
import RandomFeatures

/// What `rftool features` does: read the input, draw the map from the seed,
/// transform every row, write the features atomically.
///
/// The map is drawn from `RandomStream(seed:)` alone, so the x-side and y-side
/// runs of one seed share their projection (their rows' inner products estimate
/// the kernel), and the same seed gives the same bytes at any thread count.
public enum FeaturesRunner {
    /// Shape of what was written.
    public struct Summary: Sendable, Equatable {
        public let rows: Int
        public let inputColumns: Int
        public let outputColumns: Int
    }

    /// Reads `--input`, transforms it and writes `--output`; nothing is written on error.
    @discardableResult
    public static func run(_ config: FeaturesConfiguration) throws -> Summary {
        let input = try readInput(config)
        let data: Data
        let columns: Int
        switch config.precision {
        case .float64:
            let features = try transform(input, config)
            columns = features.columns
            data = encode(features, config.outputFormat)
        case .float32:
            let features = try transform(input.converted(to: Float.self), config)
            columns = features.columns
            data = encode(features, config.outputFormat)
        }
        if config.output == "-" {
            FileHandle.standardOutput.write(data)
        } else {
            do { try AtomicFile.write(data, to: config.output) } catch {
                throw RFToolError(.ioError, "--output: cannot write '\(config.output)': \(error.localizedDescription)")
            }
        }
        return Summary(rows: input.rows, inputColumns: input.columns, outputColumns: columns)
    }

    /// The features of `batch` for this configuration (in its precision).
    public static func transform<S: BLASScalar>(_ batch: Matrix<S>, _ config: FeaturesConfiguration) throws -> Matrix<S> {
        let map: any FittedFeatureMap
        do {
            map = try config.estimator.featureMap(inputDimension: batch.columns, features: config.features,
                                                  projection: config.projection, stream: RandomStream(seed: config.seed))
        } catch let error as ProjectionError {
            throw RFToolError.usage("--projection: \(error)")
        } catch {
            throw RFToolError.usage("\(error)")
        }
        do {
            if let b = batch as? Matrix<Double> { return try map.transform(b, side: config.side) as! Matrix<S> }
            return try map.transform(batch as! Matrix<Float>, side: config.side) as! Matrix<S>
        } catch {
            throw RFToolError.data("--input: \(error)")
        }
    }

    static func readInput(_ config: FeaturesConfiguration) throws -> Matrix<Double> {
        try DataFile.readMatrix(path: config.input, flag: "--input")
    }

    static func encode<S: BLASScalar>(_ matrix: Matrix<S>, _ format: FeaturesConfiguration.FileFormat) -> Data {
        switch format {
        case .npy: return NPY.encode(matrix)
        case .csv: return CSVMatrixWriter.encode(matrix)
        }
    }
}
