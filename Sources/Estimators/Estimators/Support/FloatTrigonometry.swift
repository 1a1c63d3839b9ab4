/// cos and sin of 16 Float lanes at once, for the Float path of the trigonometric
/// feature maps (whose outputs are Float anyway).
///
/// Method: Cephes `sinf.c`/`cosf.c` (S. L. Moshier), with the quadrant scheme of
/// `VectorMath.cosSin`:
///
///     q = round(x · 2/π),   r = x − q·(π/2)     (π/2 in three Float parts, Cody–Waite)
///     sin r = r + r·z·S(z),  cos r = 1 − z/2 + z²·C(z),   z = r², |r| ≤ π/4
///     cos x = [cos r, −sin r, −cos r, sin r][q mod 4]
///
/// Accurate to a few Float ulps for |x| ≤ `limit` (8192, Cephes' bound for this
/// reduction); callers use Double for larger arguments. Checked against Double in tests.
enum FloatTrigonometry {
    typealias Lanes = SIMD16<Float>

    static let limit: Float = 8192
    static let twoOverPi: Float = 0.636619772367581343
    static let pio2Part1: Float = 1.5703125
    static let pio2Part2: Float = 4.837512969970703125e-4
    static let pio2Part3: Float = 7.54978995489188216e-8
    /// 1.5·2²³: adding and subtracting it rounds to the nearest integer (ties to even) for |t| < 2²²,
    /// and the sum's low mantissa bits hold q mod 4.
    static let roundingShifter: Float = 12582912

    @inline(__always)
    static func cosSin(_ x: Lanes) -> (cos: Lanes, sin: Lanes) {
        let shifted = x * twoOverPi + roundingShifter
        let q = shifted - roundingShifter
        let r = ((x - q * pio2Part1) - q * pio2Part2) - q * pio2Part3
        let z = r * r
        var sp = Lanes(repeating: -1.9515295891e-4)
        sp = sp * z + 8.3321608736e-3
        sp = sp * z + -1.6666654611e-1
        let s = r + r * z * sp
        var cp = Lanes(repeating: 2.443315711809948e-5)
        cp = cp * z + -1.388731625493765e-3
        cp = cp * z + 4.166664568298827e-2
        let c = 1 - 0.5 * z + z * z * cp
        // Quadrant logic on bit patterns (the stdlib's mask/replacing ops go lane by lane):
        // odd q swaps cos and sin; cos is negative for q ≡ 1, 2 and sin for q ≡ 2, 3 (mod 4).
        let qBits = unsafeBitCast(shifted, to: SIMD16<UInt32>.self)
        let swap = SIMD16<UInt32>() &- (qBits & 1)
        let cBits = unsafeBitCast(c, to: SIMD16<UInt32>.self), sBits = unsafeBitCast(s, to: SIMD16<UInt32>.self)
        let cosBits = (cBits & ~swap) | (sBits & swap)
        let sinBits = (sBits & ~swap) | (cBits & swap)
        let cosSign = ((qBits &+ 1) & 2) &<< 30
        let sinSign = (qBits & 2) &<< 30
        return (unsafeBitCast(cosBits ^ cosSign, to: Lanes.self), unsafeBitCast(sinBits ^ sinSign, to: Lanes.self))
    }
}
