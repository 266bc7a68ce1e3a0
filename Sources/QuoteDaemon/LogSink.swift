import Foundation

/// Where ``LineLogHandler`` writes: stderr, or a buffer (tests).
public final class LogSink: @unchecked Sendable {
    /// The process's stderr.
    public static let standardError = LogSink(buffered: false)

    private let lock = NSLock()
    private let buffered: Bool
    private var lines: [String] = []

    /// A sink that keeps what is written, for tests.
    public convenience init() {
        self.init(buffered: true)
    }

    private init(buffered: Bool) {
        self.buffered = buffered
    }

    func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if buffered {
            lines.append(text)
        } else {
            FileHandle.standardError.write(Data(text.utf8))
        }
    }

    /// What was written, when buffered.
    public var contents: String {
        lock.lock()
        defer { lock.unlock() }
        return lines.joined()
    }
}
