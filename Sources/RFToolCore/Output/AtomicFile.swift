import Foundation

/// Writes a file all at once or not at all: the bytes go to a temporary file in
/// the destination folder, which is renamed into place when complete (rename
/// is atomic within one file system). An interrupted run leaves no truncated file.
public enum AtomicFile {
    /// Writes `data` to `path`, creating the parent folder if needed.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw RFToolError(.ioError, "cannot write \(path): \(error.localizedDescription)")
        }
        // rename(2) replaces an existing file atomically. (Foundation's replaceItemAt on
        // Linux failed here with "The file doesn't exist" after removing the old file.)
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw RFToolError(.ioError, "cannot rename \(temporary.path) to \(path): \(reason)")
        }
    }

    /// Writes UTF-8 text to `path` atomically.
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
