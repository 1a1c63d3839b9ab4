/// Orthogonal random features: stacked independent Haar-orthogonal blocks with
/// rescaled rows (Yu, Suresh, Choromanski, Holtmann-Rice, Kumar, "Orthogonal Random
/// Features", NeurIPS 2016; construction as in ALGORITHMS.md §2.2).
///
///     for each block b = 0 ..< ⌈m/d⌉:   A ~ N(0,1)^{d×d},  A = QR,  Q ← Q·diag(sign Rᵢᵢ)
///         block rows = rows of Qᵀ (orthonormal, Haar-distributed)
///         (drawn as QR's Householder vectors directly, Stewart 1980: `LAPACK.haarOrthogonalColumns`)
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
///   - stream: block b draws its Householder vectors from `stream.child(b, 0)` and its row norms
///     from `stream.child(b, 1)`, both in row order, so m rows are a prefix of m' > m rows.
/// - Complexity: ⌈m/d⌉ `dorgqr` calls and about m·d normals, O(m·d²) to draw; n·m·d multiply-adds per batch as one GEMM.
public struct OrthogonalProjection: Projection {
    public let rowCount: Int
    public let inputDimension: Int
    public let rowNorms: ProjectionOptions.RowNorms
    /// W, m×d.
    public let matrix: Matrix<Double>
    /// W in Float, converted on the first Float batch.
    private let floatCopy: FloatCopy
    var matrixFloat: Matrix<Float> { floatCopy.matrix }

    public init(rowCount m: Int, inputDimension d: Int, rowNorms: ProjectionOptions.RowNorms = .chi,
                stream: RandomStream) throws {
        precondition(m >= 1 && d >= 1)
        rowCount = m
        inputDimension = d
        self.rowNorms = rowNorms
        let blocks = ProjectionBlocks(rowCount: m, blockSize: d)
        var w = Matrix<Double>(rows: m, columns: d)
        for b in 0..<blocks.count {
            // Directions and norms from separate streams, each drawn in row order, so that the
            // rows of a truncated block are a prefix of the full block's.
            var directions = stream.child(UInt64(b), 0), norms = stream.child(UInt64(b), 1)
            let rows = blocks.rows(ofBlock: b)
            // Row k of the block is column k of Q, which is contiguous.
            let q = try LAPACK.haarOrthogonalColumns(rows.count, dimension: d, using: &directions)
            for (k, row) in rows.enumerated() {
                let r = rowNorms == .chi ? Sampling.chi(degrees: d, using: &norms) : Double(d).squareRoot()
                for j in 0..<d { w.storage[row * d + j] = r * q[k * d + j] }
            }
        }
        matrix = w
        floatCopy = FloatCopy(of: matrix)
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
