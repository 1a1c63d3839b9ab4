/// FNV-1a, 64 bit (Fowler, Noll, Vo): a hash of text that is the same on every
/// run and machine, unlike Swift's `Hasher`, which is seeded per process.
///
///     h ← 0xcbf29ce484222325;  for each byte b: h ← (h XOR b) · 0x100000001b3
///
/// Experiment cells derive their random streams and the plan its fingerprint
/// from it, so a cell's randomness depends on what the cell is, never on when
/// or where it runs.
public enum StableHash {
    public static func fnv1a64(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The hash as 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
