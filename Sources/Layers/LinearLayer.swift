import RandomFeatures

/// The activation f of a dense layer y = f(Wx + b) (ALGORITHMS.md §6).
public enum Activation: String, CaseIterable, Sendable, Codable {
    case identity, relu, gelu, tanh, cos, sin, exp, polynomial
}

/// A replacement for a dense layer y = f(Wx + b): a forward pass on a Float
/// batch (n × d_in → n × d_out) and the costs a user weighs against accuracy.
///
/// Conformers are values fixed at construction (or fitting) time: `forward`
/// neither draws randomness nor allocates more than its output and scratch.
public protocol LinearLayer: Sendable {
    /// The kind's name as on the command line (`dense`, `snnk`, `dyad`, …).
    var kind: String { get }
    /// d_in: the number of columns `forward` takes.
    var inputDimension: Int { get }
    /// d_out: the number of columns `forward` returns.
    var outputDimension: Int { get }
    /// Trainable (learned or fitted) parameters.
    var parameterCount: Int { get }
    /// Bytes the layer must store: learned arrays, plus any fixed random
    /// matrix that is *not* regenerated from a seed. A matrix regenerated
    /// from its seed costs no bytes.
    var storedBytes: Int { get }
    /// Multiply-adds per input row of the forward pass (FWHT/FFT butterflies
    /// count as one multiply-add each).
    var multiplyAddsPerInput: Int { get }
    /// The forward pass: one output row per input row.
    func forward(_ batch: Matrix<Float>) throws -> Matrix<Float>
}

/// Why a layer could not be built, fitted or applied. One line, naming the
/// argument and what is accepted.
public struct LayerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
