import Foundation

/// Writes whole lines to stdout and stderr.
enum FileHandleOutput {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
