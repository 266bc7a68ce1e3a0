import Foundation
import Synchronization

/// Where ``LineLogHandler`` writes: stderr, or a buffer (tests). Each line is written whole: the
/// lock keeps lines of concurrent tasks apart.
public final class LogSink: Sendable {
    /// The process's stderr.
    public static let standardError = LogSink(buffered: false)

    private let buffered: Bool
    /// The lines written so far (kept only when buffered).
    private let lines = Mutex<[String]>([])

    /// A sink that keeps what is written, for tests.
    public convenience init() {
        self.init(buffered: true)
    }

    private init(buffered: Bool) {
        self.buffered = buffered
    }

    func write(_ text: String) {
        lines.withLock { lines in
            if buffered {
                lines.append(text)
            } else {
                FileHandle.standardError.write(Data(text.utf8))
            }
        }
    }

    /// What was written, when buffered.
    public var contents: String {
        lines.withLock { $0.joined() }
    }
}
