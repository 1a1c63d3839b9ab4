import Foundation

/// Writes several files all at once or not at all: every file first goes to a
/// temporary name in its destination folder (`.NAME.PID.tmp`); only when all of
/// them are complete are they renamed into place (`rename(2)`, atomic within a
/// file system). A failure before the renames removes the temporaries and
/// leaves the destinations untouched; an interrupted run never leaves a
/// truncated CSV under its final name.
public enum AtomicFileGroup {
    public static func write(_ files: [(path: String, text: String)]) throws {
        try write(files.map { (path: $0.path, data: Data($0.text.utf8)) })
    }

    /// The same for binary contents (a layer file's JSON and its .npy arrays).
    public static func write(_ files: [(path: String, data: Data)]) throws {
        var temporaries: [(temporary: String, path: String)] = []
        do {
            for file in files {
                let url = URL(fileURLWithPath: file.path)
                let folder = url.deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
                temporaries.append((temporary, file.path))
                try file.data.write(to: URL(fileURLWithPath: temporary))
            }
        } catch {
            for t in temporaries { try? FileManager.default.removeItem(atPath: t.temporary) }
            throw RFToolError(.ioError, "cannot write \(temporaries.last?.path ?? files.first?.path ?? "output"): \(error.localizedDescription)")
        }
        for (i, t) in temporaries.enumerated() where rename(t.temporary, t.path) != 0 {
            let reason = String(cString: strerror(errno))
            for rest in temporaries[i...] { try? FileManager.default.removeItem(atPath: rest.temporary) }
            throw RFToolError(.ioError, "cannot rename \(t.temporary) to \(t.path): \(reason)")
        }
    }
}
