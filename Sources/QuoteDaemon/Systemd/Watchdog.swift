import AsyncAlgorithms
import Foundation
import Logging
import QuoteCore
import ServiceLifecycle
import StateStore

/// Feeds systemd's watchdog (`WatchdogSec=`) while the daemon is healthy (README, "Watchdog").
///
/// systemd sets `WATCHDOG_USEC` (and `WATCHDOG_PID`) and restarts the service when no `WATCHDOG=1`
/// comes within that time. Every `WATCHDOG_USEC`/2 this service checks health and pings only when
///
/// - the scheduler made progress within ``stallLimit(watchdog:config:)``, and
/// - the store answers `SELECT 1` within ``storeTimeout``.
///
/// The stall limit cannot be reached during a healthy cycle, however long: the scheduler beats at
/// every turn of its loop (it sleeps at most ``RefreshScheduler/longestSleep``) and as each feed
/// starts and ends, and the pipeline beats after each transfer and each item. The longest quiet
/// stretch of a working daemon is therefore one transfer (at most the longest configured feed
/// `timeout`) plus one item's work; the limit allows that transfer plus
/// max(`WATCHDOG_USEC`, ``minimumSlack``). A wedged loop or store stops the pings, and systemd
/// restarts the daemon at most `WATCHDOG_USEC` later.
public struct Watchdog: Service {
    /// Slack over the longest transfer before a quiet scheduler counts as stalled.
    public static let minimumSlack = Duration.seconds(120)
    /// How long the store may take to answer `SELECT 1`.
    public static let storeTimeout = Duration.seconds(10)

    /// `WATCHDOG_USEC` as a duration.
    public let timeout: Duration
    let heartbeat: Heartbeat
    let store: any Store
    let config: ConfigBox
    let notifier: SystemdNotifier
    let logger: Logger

    public init(timeout: Duration, heartbeat: Heartbeat, store: any Store, config: ConfigBox, notifier: SystemdNotifier, logger: Logger) {
        self.timeout = timeout
        self.heartbeat = heartbeat
        self.store = store
        self.config = config
        self.notifier = notifier
        self.logger = logger
    }

    /// The watchdog timeout systemd asks this process to honour: `WATCHDOG_USEC`, when set to a
    /// positive number and `WATCHDOG_PID` is unset or this process's pid; nil otherwise.
    public static func timeout(environment: [String: String] = ProcessInfo.processInfo.environment, pid: Int32 = getpid()) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], !owner.isEmpty, Int32(owner) != pid { return nil }
        return .microseconds(Int64(clamping: microseconds))
    }

    /// How long the scheduler may go without a beat before it counts as stalled.
    public static func stallLimit(watchdog: Duration, config: ConfigBox) -> Duration {
        // At most a day: the configuration bounds no duration, and a day is past any useful timeout.
        let longestTransfer = min(config.current.config.feeds.map(\.timeout).max() ?? 0, 86_400)
        return max(watchdog, minimumSlack) + .milliseconds(Int64(longestTransfer * 1000))
    }

    /// Checks at once, then every `WATCHDOG_USEC`/2 until graceful shutdown.
    public func run() async throws {
        var failing = false
        await feed(failing: &failing)
        for await _ in AsyncTimerSequence(interval: timeout / 2, clock: .continuous).cancelOnGracefulShutdown() {
            await feed(failing: &failing)
        }
    }

    /// Pings systemd when healthy; says so once when the health check starts failing and once when
    /// it passes again.
    private func feed(failing: inout Bool) async {
        if let problem = await check() {
            if !failing { logger.warning("watchdog not fed: \(problem)") }
            failing = true
        } else {
            if failing { logger.info("watchdog fed again: the scheduler and the store are healthy") }
            failing = false
            notifier.notify("WATCHDOG=1")
        }
    }

    /// nil when healthy, else what is wrong, in a few words.
    public func check() async -> String? {
        let age = heartbeat.age
        let limit = Watchdog.stallLimit(watchdog: timeout, config: config)
        if age > limit {
            return "the scheduler made no progress for \(age.components.seconds) s (limit \(limit.components.seconds) s)"
        }
        let (answers, continuation) = AsyncStream.makeStream(of: String?.self)
        // Unstructured on purpose: a store that never answers must not hold up the check.
        Task { [store] in
            do {
                try await store.ping()
                continuation.yield(nil)
            } catch {
                continuation.yield("the store does not answer: \(error)")
            }
            continuation.finish()
        }
        let timer = Task {
            try await Task.sleep(for: Watchdog.storeTimeout)
            continuation.yield("the store did not answer SELECT 1 within \(Watchdog.storeTimeout.components.seconds) s")
            continuation.finish()
        }
        defer { timer.cancel() }
        for await answer in answers { return answer }
        return "the health check was cancelled"
    }
}
