import Logging
import Synchronization

/// Warns when a document is cut to a limit (``QuoteCore/Limits``), once per feed and limit while the
/// daemon runs: the journal hears of it without a line at every refresh.
final class LimitWarnings: Sendable {
    private let warned = Mutex<Set<String>>([])
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Logs `message` at warning unless this feed was already warned about this limit.
    func warn(feed: String, limit: String, _ message: String, metadata: Logger.Metadata = [:]) {
        let first = warned.withLock { $0.insert(feed + "\u{0}" + limit).inserted }
        guard first else { return }
        var metadata = metadata
        metadata["feed"] = .string(feed)
        metadata["limit"] = .string("limits." + limit)
        logger.warning("\(message)", metadata: metadata)
    }
}
