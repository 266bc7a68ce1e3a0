import Foundation
import Logging
import QuoteCore
import ServiceLifecycle
import UnixSignals
// `struct stat` is attributed to the Dispatch C module with SwiftNIO in the build (see UnixSocket).
#if canImport(CDispatch)
    import CDispatch
#endif

/// Reloads the configuration on SIGHUP (`systemctl reload`): re-reads and validates it, and swaps it
/// in whole; an invalid file is logged as an error naming what is wrong, and the old one stays.
/// After a reload that took, `reloaded` runs: the daemon wakes the scheduler there, so feeds the new
/// configuration adds are fetched at once.
public struct ReloadListener: Service {
    let path: String
    let config: ConfigBox
    let logger: Logger
    let notifier: SystemdNotifier
    let reloaded: @Sendable () -> Void

    public init(
        path: String, config: ConfigBox, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(environment: [:]),
        reloaded: @escaping @Sendable () -> Void = {}
    ) {
        self.path = path
        self.config = config
        self.logger = logger
        self.notifier = notifier
        self.reloaded = reloaded
    }

    public func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            reload()
        }
    }

    /// One reload, as on SIGHUP.
    public func reload() {
        notifier.notify("RELOADING=1\nMONOTONIC_USEC=\(ReloadListener.monotonicMicroseconds())")
        defer { notifier.notify("READY=1") }
        let old = config.current.config
        do {
            let new = try ConfigFile.load(path)
            if new.databasePath != old.databasePath {
                logger.error("configuration not reloaded: \"database\" cannot change while running; restart quotewatch to use \(new.databasePath)")
                return
            }
            let active = ActiveConfig(new)
            // Indexed here, while systemd hears RELOADING, rather than by the first item read after
            // the swap, which would hold the other feeds' tasks while 100,000 statements are indexed.
            _ = active.matcher
            config.replace(with: active)
            logger.info("configuration reloaded", metadata: [
                "feeds": .stringConvertible(new.feeds.count), "statements": .stringConvertible(new.statements.count),
            ])
            reloaded()
        } catch {
            logger.error("configuration not reloaded; keeping the previous one", metadata: ["error": .string(error.message)])
        }
    }

    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
    }
}
