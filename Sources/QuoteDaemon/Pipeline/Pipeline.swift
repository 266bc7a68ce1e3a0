import Crypto
import FeedFetching
import FeedParsing
import Foundation
import Logging
import QuoteCore
import StateStore

/// The way of one feed through the daemon (DESIGN §1): fetch, parse, read each new or changed item
/// (its feed text, or its linked page), extract its quotes, match them to the tracked statements,
/// let ``ChangeDetector`` compare with the item's stored state, and commit the new state with its
/// events in one transaction per item; log the events after the commit. Then the linked pages due
/// (all of them for `run --once` and `refresh`) are read again, whether or not the feed changed.
///
/// Work grows with what changed: a 304, an unchanged body or an unchanged item ends early. A
/// response that failed (an HTTP error, not a feed, over a limit) stores no validators.
public final class Pipeline: Sendable {
    /// Which linked pages a refresh reads again.
    public enum PageSweep: Sendable {
        /// Those due by their schedule (``QuoteCore/ArticleRecheck``).
        case due
        /// Every page of an item still in the feed (`run --once`, `refresh`).
        case all
    }

    public let store: any Store
    let fetcher: Fetcher
    let logger: Logger
    let eventLog: EventLog
    let limitWarnings: LimitWarnings
    let extractor = QuoteExtractor()
    let now: @Sendable () -> Date
    let policy: RefreshPolicy
    let draw: @Sendable () -> Double
    /// Beaten after each transfer and each item, so the watchdog sees a long refresh make progress.
    let heartbeat: Heartbeat?
    /// Told after each commit that raised events (the hooks' delivery service wakes up).
    let committed: @Sendable () -> Void

    public init(
        store: any Store, fetcher: Fetcher, logger: Logger, policy: RefreshPolicy = RefreshPolicy(),
        now: @escaping @Sendable () -> Date = { Date() }, draw: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        heartbeat: Heartbeat? = nil, committed: @escaping @Sendable () -> Void = {}
    ) {
        self.committed = committed
        self.store = store
        self.fetcher = fetcher
        self.logger = logger
        self.eventLog = EventLog(logger: logger)
        self.limitWarnings = LimitWarnings(logger: logger)
        self.policy = policy
        self.now = now
        self.draw = draw
        self.heartbeat = heartbeat
    }

    /// Logs events that were committed but not logged before the last stop, then marks them logged.
    public func logPendingEvents() async throws(StoreError) {
        let pending = try await store.unloggedEvents()
        guard !pending.isEmpty else { return }
        try await log(pending)
        logger.info("logged the events committed before the last stop but not logged then", metadata: ["events": .stringConvertible(pending.count)])
    }

    /// Logs committed events, then records that they were: a stop between the two logs them again at
    /// the next start (at least once, never lost).
    func log(_ events: [ChangeEvent]) async throws(StoreError) {
        guard !events.isEmpty else { return }
        committed()
        for event in events { eventLog.log(event) }
        try await store.markLogged(events.compactMap(\.id))
    }

    /// Fetches and processes one feed, then reads its linked pages again as `pages` says. Never
    /// throws for a feed's own faults: they are recorded in its state (and as `feed.failed` the first
    /// time); a store failure is thrown.
    public func refresh(_ feed: FeedConfig, with active: ActiveConfig, pages: PageSweep = .due) async throws(StoreError) -> FeedOutcome {
        var outcome = try await refreshFeed(feed, with: active)
        if feed.fetchArticles, outcome.result != .pending, !Task.isCancelled {
            let read = try await recheckPages(feed, with: active, sweep: pages, skipping: outcome.pagesRead)
            outcome.itemsProcessed += read.items
            outcome.events += read.events
        }
        return outcome
    }

    /// Reads the due linked pages of a `fetchArticles` feed again without fetching the feed (their
    /// schedule came before the feed's).
    public func refreshPages(_ feed: FeedConfig, with active: ActiveConfig) async throws(StoreError) -> FeedOutcome {
        let state = try await store.feedState(id: feed.id)
        let read = try await recheckPages(feed, with: active, sweep: .due, skipping: [])
        return FeedOutcome(feedID: feed.id, result: state?.result ?? .pending, itemsProcessed: read.items, events: read.events, error: state?.error)
    }

    /// The feed's own part of a refresh.
    private func refreshFeed(_ feed: FeedConfig, with active: ActiveConfig) async throws(StoreError) -> FeedOutcome {
        let started = now()
        var state = try await store.feedState(id: feed.id) ?? FeedState(id: feed.id, url: feed.url)
        if state.url != feed.url {
            // The configured URL changed: the old validators and body belong to another document.
            state = FeedState(id: feed.id, url: feed.url, consecutiveFailures: state.consecutiveFailures)
        }
        let interval = feed.refreshInterval ?? active.config.refreshInterval
        let request = FetchRequest(
            url: state.fetchURL ?? feed.url, etag: state.etag, lastModified: state.lastModified,
            connectTimeout: feed.connectTimeout, totalTimeout: feed.timeout, maxBodyBytes: active.config.limits.feedBytes)
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
            heartbeat?.beat()
        } catch {
            if error.kind == .cancelled {
                // Shutdown, not the feed's fault: record nothing, so the next start tries again.
                return FeedOutcome(feedID: feed.id, result: .pending, itemsProcessed: 0, events: [], error: error.message)
            }
            var status: Int?
            if case .http(let code) = error.kind { status = code }
            return try await fail(feed, state, error.description, httpStatus: status, retryAfter: error.retryAfter, at: started, interval: interval)
        }
        let status = feed.isFile ? nil : response.status
        if response.status == 304 {
            // Only validators of a real feed are ever stored, so a 304 confirms that feed.
            guard request.etag != nil || request.lastModified != nil else {
                return try await fail(
                    feed, state, "\(feed.url): answered 304 Not Modified to a request without validators; no feed was read",
                    httpStatus: status, at: started, interval: interval)
            }
            state.record(fetchAt: started, status: status, nextDue: started.addingTimeInterval(policy.delay(interval: interval, failures: 0, draw: draw())))
            return try await succeed(feed, state, result: .notModified, items: 0, events: [])
        }
        let bodyHash = Pipeline.fingerprint(ofFeedBody: response.body, fetchArticles: feed.fetchArticles)
        let parsed: ParsedFeed?
        if state.bodyHash == bodyHash {
            parsed = nil
        } else {
            let feedText = FeedParser.parse(response.body, httpCharset: Pipeline.charset(response.contentType), baseURL: response.effectiveURL)
            if feedText.items.isEmpty, let error = feedText.error {
                return try await fail(feed, state, "\(feed.url): not a feed: \(error)", httpStatus: status, at: started, interval: interval)
            }
            parsed = feedText
        }
        // A real feed was read: only now do its validators and its new address count.
        state.record(fetchAt: started, status: status, nextDue: started.addingTimeInterval(policy.delay(interval: interval, failures: 0, draw: draw())))
        state.etag = response.etag
        state.lastModified = response.lastModified
        if let moved = response.permanentRedirect, moved != (state.fetchURL ?? feed.url) {
            logger.info("feed moved permanently; fetching the new address from now on", metadata: [
                "feed": .string(feed.id), "url": .string(moved), "was": .string(state.fetchURL ?? feed.url),
            ])
            state.fetchURL = moved
        }
        guard let parsed else {
            return try await succeed(feed, state, result: .ok, items: 0, events: [])
        }
        if !parsed.wellFormed {
            logger.info("feed is malformed; using what could be recovered", metadata: ["feed": .string(feed.id), "items": .stringConvertible(parsed.items.count)])
        }
        let read = try await readItems(parsed.items, feed: feed, active: active)
        // Cut short by shutdown: leave the body hash as it was, so the items not reached are read next time.
        if !Task.isCancelled {
            try await store.markInFeed(feedID: feed.id, identities: read.inFeed)
            state.bodyHash = bodyHash
        }
        var outcome = try await succeed(feed, state, result: .ok, items: read.items, events: read.events)
        outcome.pagesRead = read.pagesRead
        return outcome
    }

    private func succeed(_ feed: FeedConfig, _ state: FeedState, result: FeedState.Result, items: Int, events: [ChangeEvent]) async throws(StoreError) -> FeedOutcome {
        var state = state
        let health = EventAssembly.recovery(feed: feed.id, url: feed.url, failuresBefore: state.consecutiveFailures, time: now())
        state.result = result
        state.error = nil
        state.consecutiveFailures = 0
        let stored = try await store.save(state, events: health.map { [$0] } ?? [])
        try await log(stored)
        logger.debug("feed refreshed", metadata: ["feed": .string(feed.id), "result": .string(result.rawValue), "items": .stringConvertible(items)])
        return FeedOutcome(feedID: feed.id, result: result, itemsProcessed: items, events: events + stored, error: nil)
    }

    /// Records a failed fetch. The validators, body hash and address stay those of the last real feed.
    private func fail(
        _ feed: FeedConfig, _ state: FeedState, _ reason: String, httpStatus: Int?, retryAfter: Double? = nil, at time: Date,
        interval: Double
    ) async throws(StoreError) -> FeedOutcome {
        var state = state
        let health = EventAssembly.failure(feed: feed.id, url: feed.url, reason: reason, failuresBefore: state.consecutiveFailures, time: time)
        if health == nil {
            logger.debug("feed still failing", metadata: ["feed": .string(feed.id), "error": .string(reason)])
        }
        state.consecutiveFailures += 1
        state.result = .failed
        state.error = reason
        state.httpStatus = httpStatus
        state.lastFetch = time
        state.nextDue = time.addingTimeInterval(
            policy.delay(interval: interval, failures: state.consecutiveFailures, retryAfter: retryAfter, draw: draw()))
        let stored = try await store.save(state, events: health.map { [$0] } ?? [])
        try await log(stored)
        return FeedOutcome(feedID: feed.id, result: .failed, itemsProcessed: 0, events: stored, error: reason)
    }

    /// The first `bytes` bytes of `text`, cut back to a whole character.
    static func prefix(_ text: String, bytes: Int) -> String {
        let utf8 = text.utf8
        guard utf8.count > bytes else { return text }
        var end = utf8.index(utf8.startIndex, offsetBy: bytes)
        while end > utf8.startIndex && UTF8.isContinuation(utf8[end]) {
            end = utf8.index(before: end)
        }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    /// The fingerprint a feed's body is known by from one fetch to the next, with whether its items'
    /// pages are read (a change of that reads the feed again): its SHA-256 in hex. An unchanged
    /// cycle is mostly this hash of every body; SHA-256 runs on the processor's SHA instructions, a
    /// third faster here than the byte-wise FNV-1a it replaces, and no edit can hide in a
    /// collision. A store written with the old 16-digit fingerprints reads each feed once more
    /// after the upgrade; its items, unchanged, end at their own content hash (no event).
    static func fingerprint(ofFeedBody body: [UInt8], fetchArticles: Bool) -> String {
        var hash = SHA256()
        hash.update(data: body)
        hash.update(data: Array((fetchArticles ? "articles" : "feed").utf8))
        return Hex.string(hash.finalize())
    }

    /// The charset parameter of a Content-Type header.
    static func charset(_ contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "charset" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return nil
    }
}

extension FeedState {
    /// A fetch that reached the server and was answered.
    fileprivate mutating func record(fetchAt time: Date, status: Int?, nextDue: Date) {
        lastFetch = time
        httpStatus = status
        self.nextDue = nextDue
    }
}
