import FeedFetching
import FeedParsing
import Foundation
import Logging
import QuoteCore
import StateStore

/// Linked pages (`fetchArticles`): read with their own validators and hash, again on their own
/// schedule while their item stays in the feed, and held as they were when a read fails.
extension Pipeline {
    /// What a read of a linked page came to.
    enum PageResult {
        /// A new text.
        case read(ItemReading)
        /// A 304, or a body that hashes as the last one read.
        case unchanged
        /// No text: an HTTP error, a transport failure, over `articleBytes`, or no article text in it.
        case failed
        /// Shutdown: nothing is recorded.
        case cancelled
    }

    /// Fetches an item's linked page, conditionally when its validators belong to this link.
    /// - Returns: the result, and the page's state after it (validators and hash only from a page
    ///   read whole; the next read scheduled by the feed's ``QuoteCore/ArticleRecheck``, or backed off after a failure).
    func fetchPage(_ link: String, stored: StoredItem?, feed: FeedConfig, active: ActiveConfig) async -> (PageResult, PageState) {
        var page = stored?.page ?? PageState()
        if page.url != link {
            // A new link: the old validators and hash belong to another page.
            page = PageState(url: link)
        }
        let time = now()
        let request = FetchRequest(
            url: link, etag: page.etag, lastModified: page.lastModified, connectTimeout: feed.connectTimeout,
            totalTimeout: feed.timeout, maxBodyBytes: active.config.limits.articleBytes)
        let recheck = feed.articleRecheck.interval(age: time.timeIntervalSince(stored?.firstSeen ?? time))
        page.fetched = time
        func failed(_ reason: String, status: Int?, retryAfter: Double? = nil) -> (PageResult, PageState) {
            page.failures += 1
            page.status = status
            page.error = reason
            let interval = recheck ?? feed.refreshInterval ?? active.config.refreshInterval
            page.nextDue = time.addingTimeInterval(policy.delay(interval: interval, failures: page.failures, retryAfter: retryAfter, draw: draw()))
            if page.failures == 1 {
                logger.info("article page unavailable; keeping what was read of it before", metadata: [
                    "feed": .string(feed.id), "url": .string(link), "error": .string(reason),
                ])
            } else {
                logger.debug("article page still unavailable", metadata: ["feed": .string(feed.id), "url": .string(link), "error": .string(reason)])
            }
            return (.failed, page)
        }
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
            heartbeat?.beat()
        } catch {
            if error.kind == .cancelled { return (.cancelled, page) }
            var status: Int?
            if case .http(let code) = error.kind { status = code }
            return failed(error.description, status: status, retryAfter: error.retryAfter)
        }
        if response.status == 304 && request.etag == nil && request.lastModified == nil {
            return failed("\(link): answered 304 Not Modified to a request without validators", status: 304)
        }
        var result = PageResult.unchanged
        if response.status != 304 {
            var digest = ContentHash()
            digest.update(response.body)
            let hash = digest.hex
            if hash != page.hash {
                let text = ArticleExtractor.mainText(fromHTML: response.body, httpCharset: Pipeline.charset(response.contentType))
                guard !text.isEmpty else { return failed("\(link): the page holds no article text", status: response.status) }
                page.hash = hash
                result = .read(ItemReading(
                    text: text, source: .page, url: response.effectiveURL, etag: response.etag, lastModified: response.lastModified,
                    bodyHash: hash, cut: false))
            }
            page.etag = response.etag
            page.lastModified = response.lastModified
            page.finalURL = response.effectiveURL
        }
        page.status = response.status
        page.error = nil
        page.failures = 0
        page.nextDue = recheck.map { time.addingTimeInterval(policy.delay(interval: $0, failures: 0, draw: draw())) }
        return (result, page)
    }

    /// Reads again the linked pages of the items still in a feed: those due, or all of them; not the
    /// ones in `skipping` (read by the feed's own pass).
    func recheckPages(
        _ feed: FeedConfig, with active: ActiveConfig, sweep: PageSweep, skipping: Set<String>
    ) async throws(StoreError) -> (items: Int, events: [ChangeEvent]) {
        var items = 0
        var events: [ChangeEvent] = []
        let candidates = try await store.itemsWithPages(feedID: feed.id, dueBy: sweep == .all ? nil : now())
        for stored in candidates where !skipping.contains(stored.identity) {
            guard let link = stored.link, Pipeline.isWeb(link) else {
                // The link is no longer a web page: nothing to read again.
                var page = stored.page
                page.nextDue = nil
                try await store.savePage(page, itemID: stored.itemID)
                continue
            }
            if Task.isCancelled { break }
            let (result, page) = await fetchPage(link, stored: stored, feed: feed, active: active)
            switch result {
            case .cancelled:
                return (items, events)
            case .read(let reading):
                events += try await record(reading, at: ItemPlace(stored), stored: stored, page: page, feed: feed, active: active)
                items += 1
            case .unchanged, .failed:
                try await store.savePage(page, itemID: stored.itemID)
            }
            heartbeat?.beat()
        }
        return (items, events)
    }
}
