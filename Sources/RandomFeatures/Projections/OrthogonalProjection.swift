/// Orthogonal random features: stacked independent Haar-orthogonal blocks with
/// rescaled rows (Yu, Suresh, Choromanski, Holtmann-Rice, Kumar, "Orthogonal Random
/// Features", NeurIPS 2016; construction as in ALGORITHMS.md §2.2).
///
///     for each block b = 0 ..< ⌈m/d⌉:   A ~ N(0,1)^{d×d},  A = QR,  Q ← Q·diag(sign Rᵢᵢ)
///         block rows = rows of Qᵀ (orthonormal, Haar-distributed)
///     stack the blocks, keep the first m rows;   row i ← rᵢ · row i
///     rᵢ ~ χ_d independent (`.chi`, default: rows exactly N(0, I_d))   or   rᵢ = √d (`.fixed`)
///
/// The sign fix makes Q exactly Haar (Mezzadri 2007); without it the rows are not
/// isotropic. QR runs on the square d×d matrix so the *rows* of each block are
/// orthogonal (the trap of ALGORITHMS.md §8.7 is QR on an m×d matrix).
///
/// - Parameters:
///   - rowCount: m ≥ 1; the last block is truncated when d does not divide m.
///   - inputDimension: d ≥ 1.
///   - rowNorms: `.chi` (default) or `.fixed` (√d, rows uniform on the sphere of radius √d:
///     E[wwᵀ] = I, but RFF, positive RF and URF become biased).
///   - stream: block b draws A and then its row norms from `stream.child(b)`.
/// - Complexity: ⌈m/d⌉ QRs, O(m·d²) to draw; n·m·d multiply-adds per batch as one GEMM.
public struct OrthogonalProjection: Projection {
    public let rowCount: Int
    public let inputDimension: Int
    public let rowNorms: ProjectionOptions.RowNorms
    /// W, m×d, in both precisions (the Float copy serves Float batches).
    public let matrix: Matrix<Double>
    let matrixFloat: Matrix<Float>

    public init(rowCount m: Int, inputDimension d: Int, rowNorms: ProjectionOptions.RowNorms = .chi,
                stream: RandomStream) throws {
        precondition(m >= 1 && d >= 1)
        rowCount = m
        inputDimension = d
        self.rowNorms = rowNorms
        let blocks = ProjectionBlocks(rowCount: m, blockSize: d)
        var w = Matrix<Double>(rows: m, columns: d)
        for b in 0..<blocks.count {
            var g = stream.child(UInt64(b))
            var a = Matrix<Double>(rows: d, columns: d)
            a.storage.withUnsafeMutableBufferPointer { Ziggurat.fill($0, using: &g) }
            let q = try LAPACK.haarOrthogonal(fromGaussian: a)
            for (k, row) in blocks.rows(ofBlock: b).enumerated() {
                let r = rowNorms == .chi ? Sampling.chi(degrees: d, using: &g) : Double(d).squareRoot()
                // Row k of Qᵀ is column k of Q.
                for j in 0..<d { w.storage[row * d + j] = r * q.storage[j * d + k] }
            }
        }
        matrix = w
        matrixFloat = w.converted()
    }

    public func apply(_ batch: Matrix<Double>) -> Matrix<Double> { batch.multipliedByTranspose(of: matrix) }
    public func apply(_ batch: Matrix<Float>) -> Matrix<Float> { batch.multipliedByTranspose(of: matrixFloat) }
    public func apply(_ batch: Matrix<Double>, into result: inout Matrix<Double>) {
        result.overwriteWithProduct(batch, transposeOf: matrix)
    }
    public func apply(_ batch: Matrix<Float>, into result: inout Matrix<Float>) {
        result.overwriteWithProduct(batch, transposeOf: matrixFloat)
    }
    public func dense() -> Matrix<Double> { matrix }
}
