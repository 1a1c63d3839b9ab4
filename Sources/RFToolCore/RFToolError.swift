/// An error the command line reports as one line, with the exit status of
/// BSD's sysexits.h: 64 for bad usage (flags), 65 for bad data (input values, files).
public struct RFToolError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Int32, Sendable {
        case usage = 64
        case data = 65
        case software = 70
        case ioError = 74
    }
    public let kind: Kind
    public let message: String
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
    public var description: String { message }
    public var exitCode: Int32 { kind.rawValue }

    public static func usage(_ message: String) -> RFToolError { RFToolError(.usage, message) }
    public static func data(_ message: String) -> RFToolError { RFToolError(.data, message) }
}
