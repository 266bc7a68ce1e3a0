import Foundation
import Logging
import QuoteCore
import ServiceLifecycle
import StateStore
import Synchronization

/// The refresh loop: fetches each feed when it is due (its interval after its last fetch, later while
/// it fails), several at once, and sleeps until the next one is due, at most ``longestSleep``. A
/// service of the daemon's ``ServiceGroup``; graceful shutdown ends the sleep and lets the items in
/// hand commit.
///
/// ``requestRefresh(_:observer:)`` (the control socket's `refresh`) and ``wakeUp()`` (a reload) end
/// the sleep at once. A request makes its feeds due now, linked pages included; one that comes
/// during a cycle is served by the cycle right after it, so a requested feed is always fetched anew
/// after the request. The linked pages of a `fetchArticles` feed fall due on their own schedule too,
/// and are read then without fetching the feed. Before its first cycle, and after a reload that
/// changed the statements, the scheduler has the new statements matched against the stored items.
public final class RefreshScheduler: Service, Sendable {
    /// Feeds fetched at the same time.
    public static let concurrentFeeds = 8
    /// The longest the loop sleeps between two looks at what is due (the watchdog counts on it).
    public static let longestSleep = Duration.seconds(60)

    let pipeline: Pipeline
    let config: ConfigBox
    let logger: Logger
    let notifier: SystemdNotifier
    /// Refresh every feed once, then return (`run --once`).
    let once: Bool
    /// Beaten at each turn of the loop and as each feed starts and ends.
    public let heartbeat: Heartbeat
    /// Hears of each feed's refresh and each cycle (nil: none kept).
    let metrics: DaemonMetrics?
    private let wake = WakeSignal()
    /// What the control connections and the loop share.
    private struct Shared {
        var requests: [RefreshRequest] = []
        var lastCycleEnd: Date?
    }
    private let shared = Mutex(Shared())
    /// Feeds of a cycle a store error cut short (only the loop's task touches it).
    private let interrupted = Mutex<Set<String>>([])
    /// The statements last matched against the stored items (only the loop's task touches it).
    private let appliedStatements = Mutex<String?>(nil)

    public init(
        pipeline: Pipeline, config: ConfigBox, logger: Logger, notifier: SystemdNotifier = SystemdNotifier(environment: [:]),
        once: Bool = false, heartbeat: Heartbeat = Heartbeat(), metrics: DaemonMetrics? = nil
    ) {
        self.metrics = metrics
        self.pipeline = pipeline
        self.config = config
        self.logger = logger
        self.notifier = notifier
        self.once = once
        self.heartbeat = heartbeat
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            if once {
                try await pipeline.logPendingEvents()
                let active = config.current
                try await applyStatements(active)
                let started = Date()
                try await interruptibleCycle(active.config.feeds.map { Job(feed: $0, kind: .feed(.all)) }, active)
                try await finishSharedCycle(active, startedAt: started)
            } else {
                try await loop()
            }
        } onGracefulShutdown: { [notifier, logger] in
            logger.info("stopping")
            notifier.notify("STOPPING=1")
        }
    }

    /// Asks for the given feeds (nil or empty: all) to be refreshed now, and wakes the loop.
    /// - Parameter observer: told of each feed's progress and then of the end (``RefreshProgress``);
    ///   called from the scheduler's tasks, so it must return at once.
    /// - Returns: the feeds asked for, in order, without repeats.
    /// - Throws: ``DaemonError`` naming the first id that is not a configured feed; nothing is asked then.
    @discardableResult
    public func requestRefresh(_ feeds: [String]?, observer: (@Sendable (RefreshProgress) -> Void)? = nil) throws(DaemonError) -> [String] {
        let configured = config.current.config.feeds.map(\.id)
        var asked: [String] = []
        if let feeds, !feeds.isEmpty {
            let known = Set(configured)
            var seen = Set<String>()
            for id in feeds where seen.insert(id).inserted {
                guard known.contains(id) else { throw DaemonError("unknown feed \"\(id)\"") }
                asked.append(id)
            }
        } else {
            asked = configured
        }
        shared.withLock { $0.requests.append(RefreshRequest(feeds: asked, observer: observer)) }
        wake.signal()
        return asked
    }

    /// Ends the loop's sleep, so it looks again at what is due (after a reload: new feeds are due).
    public func wakeUp() {
        wake.signal()
    }

    /// When the last cycle ended, nil before the first.
    public var lastCycle: Date? {
        shared.withLock { $0.lastCycleEnd }
    }

    private func takeRequests() -> [RefreshRequest] {
        shared.withLock { shared in
            defer { shared.requests.removeAll() }
            return shared.requests
        }
    }

    /// One feed's part of a cycle.
    struct Job: Sendable {
        enum Kind: Sendable {
            /// Fetch the feed, then read its linked pages as the sweep says.
            case feed(Pipeline.PageSweep)
            /// Read the linked pages due, without fetching the feed.
            case pages
        }

        var feed: FeedConfig
        var kind: Kind
    }

    /// Has the statements matched against the stored items when they changed since the last time
    /// (in this process, or as the store records them); interrupted by graceful shutdown.
    private func applyStatements(_ active: ActiveConfig) async throws {
        guard appliedStatements.withLock({ $0 }) != active.statementsFingerprint else { return }
        do {
            _ = try await cancelWhenGracefulShutdown { try await self.pipeline.applyStatements(active) }
        } catch {
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            throw error
        }
        appliedStatements.withLock { $0 = active.statementsFingerprint }
    }

    /// Runs a cycle that graceful shutdown interrupts: transfers in flight are aborted, the item in
    /// hand commits or rolls back, and the feeds not reached are fetched at the next start.
    /// - Returns: how many feeds the cycle refreshed (fewer than asked when other instances hold some).
    @discardableResult
    func interruptibleCycle(_ jobs: [Job], _ active: ActiveConfig, requests: [RefreshRequest] = []) async throws -> Int {
        do {
            return try await cancelWhenGracefulShutdown { try await self.cycle(jobs, active, requests: requests) }.count
        } catch {
            if Task.isShuttingDownGracefully || Task.isCancelled { return 0 }
            throw error
        }
    }

    /// The first wait after a transient store error; it doubles up to ``longestStoreRetry`` (no more
    /// than the loop's longest sleep, which the watchdog counts on).
    static let firstStoreRetry = 2.0
    static let longestStoreRetry = 60.0

    private func loop() async throws {
        var pendingLogged = false
        var retry = RefreshScheduler.firstStoreRetry
        var lastStoreError: String?
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            heartbeat.beat()
            do {
                if !pendingLogged {
                    try await pipeline.logPendingEvents()
                    pendingLogged = true
                }
                try await turn()
                if lastStoreError != nil {
                    logger.info("database writable again; refreshing as usual", metadata: ["database": .string(pipeline.store.location)])
                    lastStoreError = nil
                }
                retry = RefreshScheduler.firstStoreRetry
            } catch let error as StoreError {
                // Another program's lock, a full disk, a file system gone read-only or failing are
                // waited out (StoreError.isTransient); the rest stop the daemon.
                guard error.isTransient else { throw error }
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                // Nothing of the item in hand was committed (its transaction rolled back): it is read
                // again once the store takes writes.
                if error.description != lastStoreError {
                    logger.error("\(error.description); retrying", metadata: ["retry": .string(ConfigDuration.format(retry.rounded()))])
                    lastStoreError = error.description
                }
                notifier.notify("STATUS=waiting for the database: \(error.message)")
                let pause = Duration.milliseconds(Int(retry * 1000))
                await cancelWhenGracefulShutdown { [wake] in
                    await wake.wait(timeout: pause)
                }
                retry = min(retry * 2, RefreshScheduler.longestStoreRetry)
            }
        }
    }

    /// One turn of the loop: a cycle over what is due, or a sleep until something is.
    private func turn() async throws {
        let active = config.current
        try await applyStatements(active)
        let taken = takeRequests()
        let states = Dictionary(uniqueKeysWithValues: try await pipeline.store.feedStates().map { ($0.id, $0) })
        let pagesDue = try await pipeline.store.nextPageDue()
        let now = Date()
        let configured = Set(active.config.feeds.map(\.id))
        for request in taken {
            for id in request.feeds where !configured.contains(id) {
                request.observer?(.skipped(feed: id, reason: "no longer in the configuration"))
            }
        }
        let requested = Set(taken.flatMap(\.feeds))
        let interrupted = self.interrupted.withLock { $0 }
        var jobs: [Job] = []
        for feed in active.config.feeds {
            if requested.contains(feed.id) {
                jobs.append(Job(feed: feed, kind: .feed(.all)))
            } else if interrupted.contains(feed.id) {
                // A feed of a cycle the store cut short is due again at once, whatever its interval.
                jobs.append(Job(feed: feed, kind: .feed(.due)))
            } else if let state = states[feed.id], state.url == feed.url, let next = state.nextDue, next > now {
                if feed.fetchArticles, let pages = pagesDue[feed.id], pages <= now { jobs.append(Job(feed: feed, kind: .pages)) }
            } else {
                jobs.append(Job(feed: feed, kind: .feed(.due)))
            }
        }
        if !jobs.isEmpty {
            do {
                let refreshed = try await interruptibleCycle(jobs, active, requests: taken)
                self.interrupted.withLock { $0 = [] }
                if refreshed == 0 {
                    // Every feed due is another instance's now (a shared store): look again in a
                    // moment, not at once, until they are refreshed or their leases expire.
                    await cancelWhenGracefulShutdown { [wake] in
                        await wake.wait(timeout: .seconds(1))
                    }
                }
            } catch {
                // The store failed mid-cycle: the waiting clients hear the end now, not never.
                for request in taken { request.observer?(.done) }
                self.interrupted.withLock { $0.formUnion(jobs.map(\.feed.id)) }
                throw error
            }
            return
        }
        for request in taken { request.observer?(.done) }
        let feedDue = active.config.feeds.compactMap { states[$0.id]?.nextDue }
        let pageDue = active.config.feeds.filter(\.fetchArticles).compactMap { pagesDue[$0.id] }
        let next = (feedDue + pageDue).min() ?? now.addingTimeInterval(active.config.refreshInterval)
        // Clamped as a Double first: a due time years away must not overflow the conversion.
        let seconds = min(max(next.timeIntervalSince(now), 0.2), Double(RefreshScheduler.longestSleep.components.seconds))
        let wait = Duration.milliseconds(Int(seconds * 1000))
        await cancelWhenGracefulShutdown { [wake] in
            await wake.wait(timeout: wait)
        }
    }

    /// The jobs this instance may run: with a store that several instances share, a feed is leased
    /// first (``StateStore/Store/leaseFeeds(_:urls:since:now:)``), and one another instance holds or
    /// refreshed in this interval is left to it; the clients that asked for it hear so. A feed asked
    /// for by `refresh` counts as refreshed when an instance read it after the request. One instance
    /// alone holds every feed.
    func leased(_ jobs: [Job], watchers: [String: [@Sendable (RefreshProgress) -> Void]]) async throws -> [Job] {
        let store = pipeline.store
        let now = Date()
        var urls: [String: String] = [:]
        var due: [String] = [], asked: [String] = []
        for job in jobs {
            guard case .feed(let sweep) = job.kind else { continue }
            urls[job.feed.id] = job.feed.url
            if case .all = sweep, !once { asked.append(job.feed.id) } else { due.append(job.feed.id) }
        }
        var allowed = Set(try await store.leaseFeeds(due, urls: urls, since: nil, now: now))
        allowed.formUnion(try await store.leaseFeeds(asked, urls: urls, since: now, now: now))
        return jobs.filter { job in
            guard case .feed = job.kind, !allowed.contains(job.feed.id) else { return true }
            for observe in watchers[job.feed.id] ?? [] {
                observe(.skipped(feed: job.feed.id, reason: "refreshed by another instance"))
            }
            return false
        }
    }

    /// Renews the leases of the feeds in flight every third of a lease, while the cycle runs (nil
    /// for a store one instance holds alone).
    func leaseRenewer(_ inFlight: InFlight) -> Task<Void, Never>? {
        guard config.current.config.isSharedStore else { return nil }
        let store = pipeline.store
        let logger = logger
        return Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(RefreshScheduler.leaseRenewal))
                if Task.isCancelled { return }
                let ids = inFlight.ids.withLock { Array($0) }
                do {
                    try await store.renewLeases(ids, now: Date())
                } catch {
                    logger.warning("could not renew the leases of the feeds in flight: \(error)")
                }
            }
        }
    }

    /// The feeds a cycle is refreshing now, shared by its tasks and the lease renewer.
    final class InFlight: Sendable {
        let ids = Mutex<Set<String>>([])
    }

    /// How many feeds a cycle leases at a time from a shared store.
    static let leaseChunk = 4

    /// How often a lease of a feed in flight is renewed, in seconds (a third of the shared store's lease).
    static let leaseRenewal = 5.0

    /// `run --once` with a store several instances share: the feeds that were due when this
    /// instance's cycle began and that no instance has refreshed since are those another instance
    /// holds, or held and dropped (it died); the cycle waits for them, and takes over those whose
    /// lease expired, until every one was refreshed by some instance.
    func finishSharedCycle(_ active: ActiveConfig, startedAt: Date) async throws {
        guard active.config.isSharedStore else { return }
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            heartbeat.beat()
            let now = Date()
            let states = Dictionary(try await pipeline.store.feedStates().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let still = active.config.feeds.filter { feed in
                guard let state = states[feed.id], state.url == feed.url, let last = state.lastFetch else { return true }
                return last < startedAt && (state.nextDue ?? .distantPast) <= startedAt
            }
            if still.isEmpty { return }
            let held = Set(try await pipeline.store.feedsHeldElsewhere(still.map(\.id), since: .distantPast, now: now))
            let free = still.filter { !held.contains($0.id) }
            if !free.isEmpty {
                try await interruptibleCycle(free.map { Job(feed: $0, kind: .feed(.all)) }, active)
            } else {
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    /// Refreshes the given feeds (or their pages), at most ``concurrentFeeds`` at a time, and logs a
    /// summary. The observers of `requests` hear of each of their feeds as it starts and ends, then
    /// of the end.
    @discardableResult
    func cycle(_ jobs: [Job], _ active: ActiveConfig, requests: [RefreshRequest] = []) async throws -> [FeedOutcome] {
        var watchers: [String: [@Sendable (RefreshProgress) -> Void]] = [:]
        for request in requests {
            guard let observer = request.observer else { continue }
            for id in request.feeds { watchers[id, default: []].append(observer) }
        }
        let cycleStarted = ContinuousClock.now
        let inFlight = InFlight()
        let renewer = leaseRenewer(inFlight)
        defer { renewer?.cancel() }
        // With a shared store the feeds are leased a few at a time as the cycle goes, so that the
        // instances running together split them; alone, all at once.
        let chunk = config.current.config.isSharedStore ? RefreshScheduler.leaseChunk : max(jobs.count, 1)
        var candidates = jobs[...]
        var ready: [Job] = []
        var taken = 0
        func nextJob() async throws -> Job? {
            while ready.isEmpty, !candidates.isEmpty {
                let batch = Array(candidates.prefix(chunk))
                candidates = candidates.dropFirst(batch.count)
                ready = try await leased(batch, watchers: watchers)
            }
            guard !ready.isEmpty else { return nil }
            taken += 1
            return ready.removeFirst()
        }
        let outcomes = try await withThrowingTaskGroup(of: (Int, FeedOutcome).self) { group in
            var results: [(Int, FeedOutcome)] = []
            var next = 0
            func start(_ job: Job) {
                let index = next
                next += 1
                group.addTask { [pipeline, heartbeat, watchers, metrics] in
                    heartbeat.beat()
                    let started = ContinuousClock.now
                    let feed = job.feed
                    inFlight.ids.withLock { _ = $0.insert(feed.id) }
                    defer { inFlight.ids.withLock { _ = $0.remove(feed.id) } }
                    let observers = watchers[feed.id] ?? []
                    for observe in observers { observe(.fetching(feed: feed.id)) }
                    let outcome: FeedOutcome
                    switch job.kind {
                    case .feed(let pages): outcome = try await pipeline.refresh(feed, with: active, pages: pages)
                    case .pages: outcome = try await pipeline.refreshPages(feed, with: active)
                    }
                    heartbeat.beat()
                    metrics?.refreshed(outcome, took: ContinuousClock.now - started)
                    for observe in observers { observe(.finished(outcome)) }
                    return (index, outcome)
                }
            }
            for _ in 0..<RefreshScheduler.concurrentFeeds {
                guard let job = try await nextJob() else { break }
                start(job)
            }
            while let result = try await group.next() {
                results.append(result)
                if let job = try await nextJob() { start(job) }
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        metrics?.cycleDone(took: ContinuousClock.now - cycleStarted)
        for request in requests { request.observer?(.done) }
        let first = shared.withLock { shared in
            defer { shared.lastCycleEnd = Date() }
            return shared.lastCycleEnd == nil
        }
        let failing = outcomes.filter { $0.result == .failed }.count
        let events = outcomes.reduce(0) { $0 + $1.events.count }
        let clock = Date().formatted(.iso8601.time(includingFractionalSeconds: false).timeSeparator(.colon))
        notifier.notify("STATUS=\(taken) feeds refreshed, \(failing) failing, last cycle \(clock) UTC, \(events) new events")
        // Feeds fall due one by one (their intervals are jittered), so cycles come often: the
        // journal hears of the first, of one asked for and of `--once`; the rest only at debug.
        let level: Logger.Level = first || once || !requests.isEmpty ? .info : .debug
        logger.log(level: level, "cycle done", metadata: [
            "feeds": .stringConvertible(outcomes.count), "failing": .stringConvertible(failing),
            "items": .stringConvertible(outcomes.reduce(0) { $0 + $1.itemsProcessed }), "events": .stringConvertible(events),
        ])
        return outcomes
    }
}
