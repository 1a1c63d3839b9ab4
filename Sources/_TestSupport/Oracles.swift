import RandomFeatures

/// The dense Sylvester Hadamard matrix, (H)ᵢⱼ = (−1)^popcount(i & j).
public func denseHadamard(_ n: Int) -> Matrix<Double> {
    var h = Matrix<Double>(rows: n, columns: n)
    for i in 0..<n {
        for j in 0..<n { h[i, j] = (i & j).nonzeroBitCount % 2 == 0 ? 1 : -1 }
    }
    return h
}

/// Largest |a − b| / max(1, |b|) over two equally long arrays.
public func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    var worst = 0.0
    for (u, v) in zip(a, b) { worst = max(worst, abs(u - v) / max(1, abs(v))) }
    return worst
}
