import Foundation
import Logging
import PostgresStore
import QuoteCore
import StateStore

/// Opens the store a configuration names (DESIGN §7): its SQLite file, or the PostgreSQL server of
/// a `postgresql://` URL, for the daemon (read-write, waiting out a lock, a full disk or a server
/// not up yet) or for the read-only commands.
public enum StoreOpening {
    /// The daemon's store. A fault that passes (another program's lock, a full disk, a server
    /// down) is logged once and retried with a growing pause; the others end the run.
    public static func open(_ config: Config, logger: Logger) async throws(DaemonError) -> any Store {
        var pause = 1.0
        var logged = false
        while true {
            do throws(StoreError) {
                if config.isSharedStore { return try await PostgresStore.open(config.databasePath, logger: quiet(logger)) }
                return try SQLiteStore(path: config.databasePath)
            } catch {
                guard error.passes else { throw DaemonError(error.description) }
                if !logged {
                    logger.error("\(error.description); retrying until it can be opened")
                    logged = true
                }
                try? await Task.sleep(for: .milliseconds(Int(pause * 1000)))
                pause = min(pause * 2, 30)
            }
        }
    }

    /// The store for reading (`events`, `status`, `quotes`, `history`, the web pages).
    public static func openForReading(_ config: Config) async throws(DaemonError) -> any Store {
        do throws(StoreError) {
            if config.isSharedStore { return try await PostgresStore.open(config.databasePath, logger: quiet(Logger(label: "quotewatch"))) }
            return try SQLiteStore(readingFrom: config.databasePath)
        } catch {
            throw DaemonError(error.description)
        }
    }

    /// postgres-nio's own lines (each connection at debug, pool state at info) stay below notice.
    static func quiet(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        return quiet
    }
}
