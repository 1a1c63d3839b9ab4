import Synchronization

/// The Float copy of a projection's Double matrix, converted on first use and kept.
///
/// Double batches (the point-wise sweep draws thousands of projections per second
/// and applies each once in Double) never pay for the conversion; Float batches
/// (features, layers) convert once per projection. Shared by reference, so copies
/// of a projection share one conversion; safe to use from several threads.
final class FloatCopy: Sendable {
    private let source: Matrix<Double>
    private let cached = Mutex<Matrix<Float>?>(nil)

    init(of source: Matrix<Double>) { self.source = source }

    var matrix: Matrix<Float> {
        cached.withLock { copy in
            if let copy { return copy }
            let converted: Matrix<Float> = source.converted()
            copy = converted
            return converted
        }
    }
}
