import Foundation
import QuoteDaemon

/// The work behind each subcommand of `quotewatch` (DESIGN §3), apart from argument parsing, so the
/// executable stays wiring only and tests can run a command in-process. Each writes its output lines
/// through `output` and reports user errors as ``DaemonError``.
public enum Commands {
    /// Writes a line to stdout.
    public static let standardOutput: @Sendable (String) -> Void = { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Reads a file's bytes, or throws a one-line error naming it.
    static func read(_ path: String) throws(DaemonError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw DaemonError(isDirectory.boolValue ? "\(path) is a directory" : "\(path) cannot be read")
            }
            throw DaemonError("\(path) does not exist")
        }
        return [UInt8](data)
    }
}
