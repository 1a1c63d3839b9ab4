/// The lines that say which combinations a plan dropped and why: one line per
/// distinct reason, in the order first met. Shapes (d, m) sharing a reason are
/// listed on that reason's line rather than repeated.
struct SkipNotes {
    private var order: [String] = []
    private var plain: [String: String] = [:]
    private var shaped: [String: (prefix: String, reason: String, shapes: [(Int, Int)])] = [:]

    mutating func add(key: String, _ line: String) {
        guard plain[key] == nil, shaped[key] == nil else { return }
        order.append(key)
        plain[key] = line
    }

    mutating func add(key: String, prefix: String, dimension d: Int, features m: Int, reason: String) {
        if shaped[key] == nil {
            order.append(key)
            shaped[key] = (prefix, reason, [])
        }
        shaped[key]!.shapes.append((d, m))
    }

    var lines: [String] {
        order.map { key in
            if let line = plain[key] { return line }
            let entry = shaped[key]!
            var byDimension: [(Int, [Int])] = []
            for (d, m) in entry.shapes {
                if let i = byDimension.firstIndex(where: { $0.0 == d }) {
                    byDimension[i].1.append(m)
                } else {
                    byDimension.append((d, [m]))
                }
            }
            let shapes = byDimension.map { d, ms in "d = \(d), m = \(ms.map(String.init).joined(separator: ","))" }
            return "\(entry.prefix) (\(shapes.joined(separator: "; "))): \(entry.reason)"
        }
    }
}
