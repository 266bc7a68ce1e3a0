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
        if let bytes = readDirectly(path) { return bytes }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            throw DaemonError(isDirectory.boolValue ? "\(path) is a directory" : "\(path) cannot be read")
        }
        throw DaemonError("\(path) does not exist")
    }

    /// A file's bytes read straight into an array sized by `fstat` (no `Data` to copy from: `parse`
    /// and `extract` read hundreds of files); nil for what cannot be opened or read (a directory).
    private static func readDirectly(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        // Room for the whole file and one byte more, so the end shows in the first pass.
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let count = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }
}
