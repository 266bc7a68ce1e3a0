import Foundation
import Logging
import QuoteCore
import ServiceLifecycle
import StateStore

/// The refresh loop: fetches each feed when it is due (its interval after its last fetch, later while
/// it fails), several at once, and sleeps until the next one is due. A service of the daemon's
/// ``ServiceGroup``; graceful shutdown ends the sleep and lets the items in hand commit.
public final class RefreshScheduler: Service, Sendable {
    /// Feeds fetched at the same time.
    public static let concurrentFeeds = 8

    let pipeline: Pipeline
    let config: ConfigBox
    let logger: Logger
    let notifier: SystemdNotifier
    /// Refresh every feed once, then return (`run --once`).
    let once: Bool

    public init(
        pipeline: Pipeline, config: ConfigBox, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(environment: [:]),
        once: Bool = false
    ) {
        self.pipeline = pipeline
        self.config = config
        self.logger = logger
        self.notifier = notifier
        self.once = once
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await pipeline.logPendingEvents()
            if once {
                let active = config.current
                try await interruptibleCycle(active.config.feeds, active)
            } else {
                try await loop()
            }
        } onGracefulShutdown: { [notifier, logger] in
            logger.info("stopping: aborting transfers in flight")
            notifier.notify("STOPPING=1")
        }
    }

    /// Runs a cycle that graceful shutdown interrupts: transfers in flight are aborted, the item in
    /// hand commits or rolls back, and the feeds not reached are fetched at the next start.
    func interruptibleCycle(_ feeds: [FeedConfig], _ active: ActiveConfig) async throws {
        do {
            _ = try await cancelWhenGracefulShutdown { try await self.cycle(feeds, active) }
        } catch {
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            throw error
        }
    }

    private func loop() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let active = config.current
            let states = Dictionary(uniqueKeysWithValues: try await pipeline.store.feedStates().map { ($0.id, $0) })
            let now = Date()
            let due = active.config.feeds.filter { feed in
                guard let state = states[feed.id], state.url == feed.url, let next = state.nextDue else { return true }
                return next <= now
            }
            if !due.isEmpty {
                try await interruptibleCycle(due, active)
                continue
            }
            let next = active.config.feeds.compactMap { states[$0.id]?.nextDue }.min() ?? now.addingTimeInterval(active.config.refreshInterval)
            let wait = min(max(next.timeIntervalSince(now), 0.2), 60)
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            }
        }
    }

    /// Refreshes the given feeds, at most ``concurrentFeeds`` at a time, and logs a summary.
    @discardableResult
    func cycle(_ feeds: [FeedConfig], _ active: ActiveConfig) async throws -> [FeedOutcome] {
        let outcomes = try await withThrowingTaskGroup(of: (Int, FeedOutcome).self) { group in
            var results: [(Int, FeedOutcome)] = []
            var next = 0
            func start() {
                guard next < feeds.count else { return }
                let (index, feed) = (next, feeds[next])
                next += 1
                group.addTask { [pipeline] in (index, try await pipeline.refresh(feed, with: active)) }
            }
            for _ in 0..<RefreshScheduler.concurrentFeeds { start() }
            while let result = try await group.next() {
                results.append(result)
                start()
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let failing = outcomes.filter { $0.result == .failed }.count
        let events = outcomes.reduce(0) { $0 + $1.events.count }
        let clock = Date().formatted(.iso8601.time(includingFractionalSeconds: false).timeSeparator(.colon))
        notifier.notify("STATUS=\(feeds.count) feeds refreshed, \(failing) failing, last cycle \(clock) UTC, \(events) new events")
        logger.info("cycle done", metadata: [
            "feeds": .stringConvertible(outcomes.count), "failing": .stringConvertible(failing),
            "items": .stringConvertible(outcomes.reduce(0) { $0 + $1.itemsProcessed }), "events": .stringConvertible(events),
        ])
        return outcomes
    }
}
