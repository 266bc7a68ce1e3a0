import FeedFetching
import FeedParsing
import Foundation
import Logging
import QuoteCore
import StateStore

/// The way of one feed through the daemon (DESIGN §1): fetch, parse, read each new or changed item,
/// extract its quotes, match them to the tracked statements, compare with the item's stored state,
/// and commit the new state with its events in one transaction per item; log the events after the
/// commit.
///
/// Work grows with what changed: a 304, an unchanged body or an unchanged item ends early.
public final class Pipeline: Sendable {
    public let store: Store
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

    public init(
        store: Store, fetcher: Fetcher, logger: Logger, policy: RefreshPolicy = RefreshPolicy(),
        now: @escaping @Sendable () -> Date = { Date() }, draw: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        heartbeat: Heartbeat? = nil
    ) {
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
    private func log(_ events: [ChangeEvent]) async throws(StoreError) {
        guard !events.isEmpty else { return }
        for event in events { eventLog.log(event) }
        try await store.markLogged(events.compactMap(\.id))
    }

    /// Fetches and processes one feed. Never throws for a feed's own faults: they are recorded in
    /// its state (and as `feed.failed` the first time); a store failure is thrown.
    public func refresh(_ feed: FeedConfig, with active: ActiveConfig) async throws(StoreError) -> FeedOutcome {
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
        state.lastFetch = started
        state.httpStatus = feed.isFile ? nil : response.status
        state.nextDue = started.addingTimeInterval(policy.delay(interval: interval, failures: 0, draw: draw()))
        if response.status == 304 {
            return try await succeed(feed, state, result: .notModified, items: 0, events: [])
        }
        state.etag = response.etag
        state.lastModified = response.lastModified
        if let moved = response.permanentRedirect, moved != (state.fetchURL ?? feed.url) {
            logger.info("feed moved permanently; fetching the new address from now on", metadata: [
                "feed": .string(feed.id), "url": .string(moved), "was": .string(state.fetchURL ?? feed.url),
            ])
            state.fetchURL = moved
        }
        var bodyHash = ContentHash()
        bodyHash.update(response.body)
        bodyHash.update(active.statementsFingerprint)
        bodyHash.update(feed.fetchArticles ? "articles" : "feed")
        if state.bodyHash == bodyHash.hex {
            return try await succeed(feed, state, result: .ok, items: 0, events: [])
        }
        let parsed = FeedParser.parse(response.body, httpCharset: Pipeline.charset(response.contentType), baseURL: response.effectiveURL)
        if parsed.items.isEmpty, let error = parsed.error {
            return try await fail(feed, state, "\(feed.url): not a feed: \(error)", httpStatus: state.httpStatus, at: started, interval: interval)
        }
        if !parsed.wellFormed {
            logger.info("feed is malformed; using what could be recovered", metadata: ["feed": .string(feed.id), "items": .stringConvertible(parsed.items.count)])
        }
        var events: [ChangeEvent] = []
        var processed = 0
        var seen = Set<String>()
        let limits = active.config.limits
        if parsed.items.count > limits.itemsPerFeed {
            limitWarnings.warn(
                feed: feed.id, limit: "itemsPerFeed",
                "feed has \(parsed.items.count) items; only the first \(limits.itemsPerFeed) are read (raise limits.itemsPerFeed to read more)")
        }
        for item in parsed.items.prefix(limits.itemsPerFeed) {
            guard let identity = item.identity, seen.insert(identity).inserted else { continue }
            if Task.isCancelled { break }
            if let stored = try await process(item, identity: identity, feed: feed, active: active) {
                events += stored
                processed += 1
            }
            heartbeat?.beat()
        }
        // Cut short by shutdown: leave the body hash as it was, so the items not reached are read next time.
        if !Task.isCancelled { state.bodyHash = bodyHash.hex }
        return try await succeed(feed, state, result: .ok, items: processed, events: events)
    }

    /// Reads one item if it is new or changed; commits its state and events. nil when unchanged.
    func process(_ item: FeedItem, identity: String, feed: FeedConfig, active: ActiveConfig) async throws(StoreError) -> [ChangeEvent]? {
        let body = item.bodyHTML ?? ""
        let contentHash = ContentHash.of(item.title, item.link, body, active.statementsFingerprint)
        let stored = try await store.storedItem(feedID: feed.id, identity: identity)
        if stored?.contentHash == contentHash { return nil }
        let limits = active.config.limits
        var text = HTMLText.plainText(fromHTML: Pipeline.prefix(body, bytes: limits.itemBytes))
        if body.utf8.count > limits.itemBytes {
            limitWarnings.warn(
                feed: feed.id, limit: "itemBytes",
                "an item's body has \(body.utf8.count) bytes; only the first \(limits.itemBytes) are read (raise limits.itemBytes to read more)",
                metadata: ["item": .string(identity)])
        }
        if feed.fetchArticles, let link = item.link, let article = await articleText(link, feed: feed, maxBytes: limits.articleBytes) {
            text = article
        }
        var quotes = extractor.quotes(in: text)
        if quotes.count > limits.quotesPerItem {
            limitWarnings.warn(
                feed: feed.id, limit: "quotesPerItem",
                "an item has \(quotes.count) quotes; only the first \(limits.quotesPerItem) are read (raise limits.quotesPerItem to read more)",
                metadata: ["item": .string(identity)])
            quotes = Array(quotes.prefix(limits.quotesPerItem))
        }
        let analysis = ItemAnalyzer.analyze(
            text: text, quotes: quotes, matcher: active.matcher, previouslyQuoted: Set((stored?.states ?? [:]).keys))
        let (changes, states) = ChangeDetector.compare(
            previous: stored?.states ?? [:], current: analysis.current, unattributed: analysis.unattributed,
            statementOrder: active.statementOrder)
        let time = now()
        let newIDs = changes.filter { $0.type == .quoteNew }.map(\.statementID)
        let firsts = try await store.firstAppearances(of: newIDs)
        let events = changes.map { change in
            ChangeEvent(
                time: time, type: change.type, statement: change.statementID, feed: feed.id, item: identity,
                url: item.link, title: item.title, speaker: change.state.speaker, quote: change.state.quote,
                previous: change.previous, score: change.state.score, tier: change.state.tier, oldValues: change.oldValues,
                newValues: change.newValues,
                detail: change.type == .quoteNew
                    ? newQuoteDetail(change, tracked: active.matcher.statement(id: change.statementID), first: firsts[change.statementID], feed: feed.id, identity: identity)
                    : change.detail)
        }
        let version = ItemVersion(
            feedID: feed.id, identity: identity, link: item.link, title: item.title, published: item.published,
            contentHash: contentHash, quotes: quotes, states: states, events: events, seen: time)
        let committed = try await store.commit(version)
        try await log(committed)
        return committed
    }

    /// What a `quote.new` adds for its reader: how its words differ from the tracked text, and where
    /// the statement was first quoted when that was another item.
    func newQuoteDetail(_ change: ItemChange, tracked: Statement?, first: FirstAppearance?, feed: String, identity: String) -> String? {
        var parts: [String] = []
        // A partial quote ("unrealistic") differs from any whole statement; say so only of fuller quotes.
        let words = change.state.quote.split(whereSeparator: \.isWhitespace).count
        if let tracked, change.state.tier == .fuzzy, words >= 4 {
            parts.append("differs from the tracked text: " + WordDiff.render(from: tracked.text, to: change.state.quote))
        }
        if let first, first.feed != feed || first.item != identity {
            parts.append("first quoted by \(first.feed) at \(JSONValue.iso8601(first.time)): “\(first.quote)”")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The main text of an item's linked page, or nil (logged) when it cannot be had.
    func articleText(_ link: String, feed: FeedConfig, maxBytes: Int) async -> String? {
        guard link.lowercased().hasPrefix("http://") || link.lowercased().hasPrefix("https://") else { return nil }
        do {
            let page = try await fetcher.fetch(FetchRequest(
                url: link, connectTimeout: feed.connectTimeout, totalTimeout: feed.timeout, maxBodyBytes: maxBytes))
            heartbeat?.beat()
            let text = ArticleExtractor.mainText(fromHTML: page.body, httpCharset: Pipeline.charset(page.contentType))
            return text.isEmpty ? nil : text
        } catch {
            logger.info("article page unavailable; using the feed's text", metadata: ["feed": .string(feed.id), "url": .string(link), "error": .string(error.description)])
            return nil
        }
    }

    private func succeed(_ feed: FeedConfig, _ state: FeedState, result: FeedState.Result, items: Int, events: [ChangeEvent]) async throws(StoreError) -> FeedOutcome {
        var state = state
        var feedEvents: [ChangeEvent] = []
        if state.consecutiveFailures > 0 {
            feedEvents.append(ChangeEvent(time: now(), type: .feedRecovered, feed: feed.id, url: feed.url,
                                          detail: "after \(state.consecutiveFailures) failed attempt(s)"))
        }
        state.result = result
        state.error = nil
        state.consecutiveFailures = 0
        let stored = try await store.save(state, events: feedEvents)
        try await log(stored)
        logger.debug("feed refreshed", metadata: ["feed": .string(feed.id), "result": .string(result.rawValue), "items": .stringConvertible(items)])
        return FeedOutcome(feedID: feed.id, result: result, itemsProcessed: items, events: events + stored, error: nil)
    }

    private func fail(
        _ feed: FeedConfig, _ state: FeedState, _ reason: String, httpStatus: Int?, retryAfter: Double? = nil, at time: Date,
        interval: Double
    ) async throws(StoreError) -> FeedOutcome {
        var state = state
        var feedEvents: [ChangeEvent] = []
        if state.consecutiveFailures == 0 {
            feedEvents.append(ChangeEvent(time: time, type: .feedFailed, feed: feed.id, url: feed.url, detail: reason))
        } else {
            logger.debug("feed still failing", metadata: ["feed": .string(feed.id), "error": .string(reason)])
        }
        state.consecutiveFailures += 1
        state.result = .failed
        state.error = reason
        state.httpStatus = httpStatus
        state.lastFetch = time
        state.nextDue = time.addingTimeInterval(
            policy.delay(interval: interval, failures: state.consecutiveFailures, retryAfter: retryAfter, draw: draw()))
        let stored = try await store.save(state, events: feedEvents)
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
