import FeedParsing
import Foundation
import Logging
import QuoteCore
import StateStore

/// Reading an item: its text from the feed or its linked page, its quotes, the change detector's
/// verdict, one commit.
extension Pipeline {
    /// What reading a feed's items came to.
    struct ItemsRead {
        var items = 0
        var events: [ChangeEvent] = []
        /// The identities of the items read (the feed's items now, up to `itemsPerFeed`).
        var inFeed: Set<String> = []
        /// The items whose linked page was read on the way.
        var pagesRead: Set<String> = []
    }

    /// Reads each new or changed item of a parsed feed, up to `itemsPerFeed`.
    func readItems(_ items: [FeedItem], feed: FeedConfig, active: ActiveConfig) async throws(StoreError) -> ItemsRead {
        let limits = active.config.limits
        if items.count > limits.itemsPerFeed {
            limitWarnings.warn(
                feed: feed.id, limit: "itemsPerFeed",
                "feed has \(items.count) items; only the first \(limits.itemsPerFeed) are read (raise limits.itemsPerFeed to read more)")
        }
        var read = ItemsRead()
        let reading = items.prefix(limits.itemsPerFeed)
        // What the store holds of these items, in one read.
        let known = try await store.storedItems(feedID: feed.id, identities: reading.compactMap(\.identity))
        for item in reading {
            guard let identity = item.identity, read.inFeed.insert(identity).inserted else { continue }
            if Task.isCancelled { break }
            if let events = try await readItem(item, identity: identity, stored: known[identity], feed: feed, active: active, pagesRead: &read.pagesRead) {
                read.events += events
                read.items += 1
            }
            heartbeat?.beat()
        }
        return read
    }

    /// Reads one item if it is new or changed in the feed; nil when unchanged. In a `fetchArticles`
    /// feed its text is its linked page's; a page that cannot be read holds what was read before
    /// (an item never read falls back to the feed's text).
    private func readItem(
        _ item: FeedItem, identity: String, stored: StoredItem?, feed: FeedConfig, active: ActiveConfig, pagesRead: inout Set<String>
    ) async throws(StoreError) -> [ChangeEvent]? {
        let body = item.bodyHTML ?? ""
        let contentHash = ContentHash.of(item.title, item.link, body, feed.fetchArticles ? "articles" : "feed")
        if stored?.contentHash == contentHash { return nil }
        let place = ItemPlace(feedID: feed.id, identity: identity, link: item.link, title: item.title, published: item.published, contentHash: contentHash)
        if feed.fetchArticles, let link = item.link, Pipeline.isWeb(link) {
            let (result, page) = await fetchPage(link, stored: stored, feed: feed, active: active)
            pagesRead.insert(identity)
            switch result {
            case .cancelled:
                return nil
            case .read(let reading):
                return try await record(reading, at: place, stored: stored, page: page, feed: feed, active: active)
            case .unchanged:
                return try await record(nil, at: place, stored: stored, page: page, feed: feed, active: active)
            case .failed:
                // Held while something was read before; an item never read has only its feed text.
                if stored != nil { return try await record(nil, at: place, stored: stored, page: page, feed: feed, active: active) }
                return try await record(feedReading(item, body: body, feed: feed, active: active), at: place, stored: stored, page: page, feed: feed, active: active)
            }
        }
        return try await record(feedReading(item, body: body, feed: feed, active: active), at: place, stored: stored, page: nil, feed: feed, active: active)
    }

    /// The item's own text, as the feed gives it (cut to `itemBytes`).
    private func feedReading(_ item: FeedItem, body: String, feed: FeedConfig, active: ActiveConfig) -> ItemReading {
        let limit = active.config.limits.itemBytes
        let cut = body.utf8.count > limit
        if cut {
            limitWarnings.warn(
                feed: feed.id, limit: "itemBytes",
                "an item's body has \(body.utf8.count) bytes; only the first \(limit) are read (raise limits.itemBytes to read more)",
                metadata: ["item": .string(item.identity ?? "")])
        }
        return ItemReading(
            text: HTMLText.plainText(fromHTML: Pipeline.prefix(body, bytes: limit)), source: item.hasContent ? .content : .summary,
            url: item.link, bodyHash: ContentHash.of(body), cut: cut)
    }

    /// Compares a reading of an item (nil: nothing could be read) with its stored state, and commits
    /// the item, a new version when its quotes changed, its states, its page and the events.
    func record(
        _ reading: ItemReading?, at place: ItemPlace, stored: StoredItem?, page: PageState?, feed: FeedConfig, active: ActiveConfig
    ) async throws(StoreError) -> [ChangeEvent] {
        let time = now()
        var observation = Observation.unread
        var version: ItemVersion?
        if let reading {
            var latest: ItemVersion?
            if let stored { latest = try await store.latestVersion(itemID: stored.itemID) }
            if let latest, TeaserCheck.isTeaser(reading.text, source: reading.source, of: latest.text, earlierSource: latest.source) {
                logger.info("the item's text is now a teaser of what was read before; its quotes are kept as they were", metadata: [
                    "feed": .string(feed.id), "item": .string(place.identity), "source": .string(reading.source.rawValue),
                ])
            } else {
                let limit = active.config.limits.quotesPerItem
                var quotes = extractor.quotes(in: reading.text)
                var complete = !reading.cut
                if quotes.count > limit {
                    limitWarnings.warn(
                        feed: feed.id, limit: "quotesPerItem",
                        "an item has \(quotes.count) quotes; only the first \(limit) are read (raise limits.quotesPerItem to read more)",
                        metadata: ["item": .string(place.identity)])
                    quotes = Array(quotes.prefix(limit))
                    complete = false
                }
                observation = ItemAnalyzer.analyze(
                    text: reading.text, quotes: quotes, matcher: active.matcher, previouslyQuoted: Set((stored?.states ?? [:]).keys),
                    reading: complete ? .whole : .partial)
                if latest.map({ !Pipeline.sameQuotes($0.quotes, quotes) }) ?? true {
                    version = ItemVersion(
                        time: time, source: reading.source, url: reading.url, etag: reading.etag, lastModified: reading.lastModified,
                        bodyHash: reading.bodyHash, textHash: ContentHash.of(reading.text), text: reading.text, quotes: quotes,
                        complete: complete)
                }
            }
        }
        let detection = ChangeDetector.detect(previous: stored?.states ?? [:], observation: observation, statements: active.matcher)
        let committed = try await store.commit(commit(place, detection: detection, version: version, page: page, matcher: active.matcher, at: time))
        try await log(committed)
        return committed
    }

    /// The commit of one reading, its events assembled inside the store's transaction.
    func commit(
        _ place: ItemPlace, detection: ChangeDetector.Detection, version: ItemVersion?, page: PageState?, matcher: StatementMatcher, at time: Date
    ) -> ItemCommit {
        let context = EventAssembly.ItemContext(feed: place.feedID, item: place.identity, url: place.link, title: place.title, time: time)
        let changes = detection.changes
        return ItemCommit(
            place: place, seen: time, version: version, states: detection.states, page: page,
            newStatements: changes.filter { $0.type == .quoteNew }.map(\.statementID),
            events: { firsts in EventAssembly.events(changes, in: context, statements: matcher, firstAppearances: firsts) })
    }

    /// Whether two versions hold the same quotes (words, speakers and kinds; where they stand may move).
    static func sameQuotes(_ a: [Quote], _ b: [Quote]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.text == $1.text && $0.speaker == $1.speaker && $0.kind == $1.kind && $0.source == $1.source }
    }

    static func isWeb(_ link: String) -> Bool {
        let lower = link.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }
}
