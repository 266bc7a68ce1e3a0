import Foundation
import PostgresStore
import QuoteCore
import StateStore
import Synchronization
import TestSupport
import Testing

/// The store's contract (DESIGN §7), the same tests for each backend: SQLite in a temporary file,
/// and a real PostgreSQL server (TestSupport's, a database per test; skipped with the reason where
/// none can run).
@Suite(.serialized) struct StoreContractTests {
    let time = Date(timeIntervalSince1970: 1_739_383_500)

    func version(_ quote: String, events: [EventType], hash: String = "h1", identity: String = "guid-1") -> ItemCommit {
        let state = StatementState(statementID: "s", quote: quote, speaker: "Pete Hegseth", score: 0.9, tier: .fuzzy,
                                   values: NumericValue.values(in: quote))
        let text = "He said: “\(quote)”"
        let version = ItemVersion(
            time: time, source: .page, url: "https://example.org/a", etag: "\"e-\(hash)\"", bodyHash: "b-\(hash)", textHash: "t-\(hash)", text: text,
            quotes: [Quote(text: quote, speaker: "Pete Hegseth", start: 10, end: 10 + quote.unicodeScalars.count)], complete: true)
        let time = self.time
        let place = ItemPlace(feedID: "f", identity: identity, link: "https://example.org/a", title: "A", published: time, contentHash: hash)
        return ItemCommit(
            place: place, seen: time, version: version, states: ["s": state], newStatements: events.contains(.quoteNew) ? ["s"] : [],
            events: { _ in events.map { ChangeEvent(time: time, type: $0, statement: "s", feed: "f", item: identity, quote: quote, score: 0.9) } })
    }

    /// The daemon's one read per changed feed: the stored items among the document's identities.
    @Test(arguments: Backend.allCases) func storedItemsOfAFeedInOneRead(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        _ = try await store.commit(version("spend 5% of GDP", events: [.quoteNew], identity: "a"))
        _ = try await store.commit(version("spend 6% of GDP", events: [], identity: "b"))
        let found = try await store.storedItems(feedID: "f", identities: ["a", "b", "new"])
        #expect(Set(found.keys) == ["a", "b"])
        #expect(found["a"]?.states["s"]?.quote == "spend 5% of GDP")
        #expect(found["b"]?.states["s"]?.quote == "spend 6% of GDP")
        #expect(try await store.storedItems(feedID: "other", identities: ["a"]).isEmpty)
        #expect(try await store.storedItems(feedID: "f", identities: []).isEmpty)
    }

    @Test(arguments: Backend.allCases) func committedItemVersionReadsBack(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let stored = try await store.commit(version("spend 5% of GDP", events: [.quoteNew]))
        #expect(stored.map(\.id) == [1])
        let item = try #require(try await store.storedItem(feedID: "f", identity: "guid-1"))
        #expect(item.contentHash == "h1")
        #expect(item.states["s"]?.quote == "spend 5% of GDP")
        #expect(item.states["s"]?.values.first?.unit == "%")
        #expect(try await store.storedItem(feedID: "f", identity: "other") == nil)
        let quotes = try await store.quotes(speaker: "pete hegseth", statement: nil)
        #expect(quotes.map(\.quote.text) == ["spend 5% of GDP"])
        #expect(quotes.first?.statements == ["s"], "the statement the quote is the quote of")
        #expect(quotes.first?.firstSeen != nil)
        // A surname finds the full name; part of a word does not, nor do LIKE's wildcards.
        #expect(try await store.quotes(speaker: "Hegseth", statement: nil).count == 1)
        #expect(try await store.quotes(speaker: "seth", statement: nil).isEmpty)
        #expect(try await store.quotes(speaker: "%", statement: nil).isEmpty)
        let latest = try #require(try await store.latestVersion(itemID: item.itemID))
        #expect(latest.text == "He said: “spend 5% of GDP”")
        #expect(latest.etag == "\"e-h1\"")
        #expect(latest.source == .page)
        #expect(latest.quotes.map(\.speaker) == ["Pete Hegseth"])
    }

    /// Every version committed is kept, oldest first, found by guid or by link.
    @Test(arguments: Backend.allCases) func versionsAreKeptAsEvidence(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        _ = try await store.commit(version("spend 5% of GDP", events: [.quoteNew]))
        _ = try await store.commit(version("spend 3.5% of GDP", events: [.quoteEdited, .claimChanged], hash: "h2"))
        let reader = try await opened.reopen()
        for key in ["guid-1", "https://example.org/a"] {
            let history = try await reader.history(of: key)
            #expect(history.map(\.identity) == ["guid-1"])
            #expect(history.first?.versions.map(\.bodyHash) == ["b-h1", "b-h2"])
            #expect(history.first?.versions.map { $0.quotes.first?.text } == ["spend 5% of GDP", "spend 3.5% of GDP"])
        }
        #expect(try await reader.history(of: "nothing").isEmpty)
    }

    /// The first appearance is read inside the transaction: of two items quoting a statement, the
    /// second commit sees the first's.
    @Test(arguments: Backend.allCases) func firstAppearanceIsSeenByTheNextCommit(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        _ = try await store.commit(version("a", events: [.quoteNew]))
        let seen = Mutex<[String: FirstAppearance]?>(nil)
        var second = version("a", events: [.quoteNew], identity: "guid-2")
        let build = second.events
        second.events = { firsts in
            seen.withLock { $0 = firsts }
            return build(firsts)
        }
        _ = try await store.commit(second)
        #expect(seen.withLock { $0 }?["s"]?.item == "guid-1")
    }

    /// Items left out of the feed's latest read are no longer in it: their pages are not read again.
    @Test(arguments: Backend.allCases) func itemsInTheFeedAndTheirPages(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        for identity in ["a", "b", "c"] {
            var commit = version("q", events: [], identity: identity)
            commit.page = PageState(url: "https://example.org/\(identity)", nextDue: time.addingTimeInterval(identity == "c" ? 3600 : 60))
            _ = try await store.commit(commit)
        }
        try await store.markInFeed(feedID: "f", identities: ["a", "c"])
        #expect(try await store.itemsWithPages(feedID: "f", dueBy: time.addingTimeInterval(120)).map(\.identity) == ["a"])
        #expect(try await store.itemsWithPages(feedID: "f", dueBy: nil).map(\.identity) == ["a", "c"])
        #expect(try await store.nextPageDue()["f"] == time.addingTimeInterval(60))
        let item = try #require(try await store.storedItem(feedID: "f", identity: "a"))
        var page = item.page
        page.failures = 2
        page.error = "HTTP 404"
        try await store.savePage(page, itemID: item.itemID)
        #expect(try await store.storedItem(feedID: "f", identity: "a")?.page.failures == 2)
        #expect(try await store.itemsWithLatestVersion(feedIDs: ["f"], after: 0, limit: 10).map(\.0.identity) == ["a", "c"])
    }

    /// A statement dropped from the configuration takes its states with it.
    @Test(arguments: Backend.allCases) func statementFingerprintsAndDroppedStates(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        _ = try await store.commit(version("a", events: [.quoteNew]))
        try await store.recordStatements(["s": "1", "t": "2"])
        #expect(try await store.statementFingerprints() == ["s": "1", "t": "2"])
        try await store.recordStatements(["t": "3"])
        #expect(try await store.statementFingerprints() == ["t": "3"])
        #expect(try await store.storedItem(feedID: "f", identity: "guid-1")?.states.isEmpty == true)
    }

    @Test(arguments: Backend.allCases) func eventsSurviveReopeningAndFilter(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        do {
            let store = opened.store
            _ = try await store.commit(version("a", events: [.quoteNew]))
            _ = try await store.commit(version("b", events: [.quoteEdited, .claimChanged], hash: "h2"))
            try await store.save(FeedState(id: "f", url: "https://example.org/rss", result: .failed, error: "boom", consecutiveFailures: 1),
                                 events: [ChangeEvent(time: time, type: .feedFailed, feed: "f", detail: "boom")])
        }
        let reader = try await opened.reopen()
        #expect(try await reader.events().map(\.type) == [.quoteNew, .quoteEdited, .claimChanged, .feedFailed])
        #expect(try await reader.events(EventQuery(afterID: 2)).map(\.id) == [3, 4])
        #expect(try await reader.events(EventQuery(types: [.feedFailed])).first?.detail == "boom")
        #expect(try await reader.events(EventQuery(statement: "s")).count == 3)
        #expect(try await reader.feedState(id: "f")?.consecutiveFailures == 1)
    }

    @Test(arguments: Backend.allCases) func eachEventIsLoggedOrNotOnItsOwn(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let events = (0..<4).map { index in
            ChangeEvent(time: Date(), type: .feedFailed, feed: "f\(index)", url: "u", detail: "boom")
        }
        var ids: [Int64] = []
        for (index, event) in events.enumerated() {
            ids += try await store.save(FeedState(id: "f\(index)", url: "u"), events: [event]).compactMap(\.id)
        }
        #expect(try await store.unloggedEvents().compactMap(\.id) == ids)
        // A later event logged first (another feed's) leaves the earlier ones pending.
        try await store.markLogged([ids[3], ids[1]])
        #expect(try await store.unloggedEvents().compactMap(\.id) == [ids[0], ids[2]])
        try await store.markLogged([ids[0], ids[2]])
        #expect(try await store.unloggedEvents().isEmpty)
    }


    /// Each hook's queue in event order, the head taken by one instance at a time (a store one
    /// instance holds alone gives it at once).
    @Test(arguments: Backend.allCases) func deliveriesGoOutInOrderAndOnce(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        store.setHooks([HookConfig(id: "desk", kind: .command(["/bin/true"]))])
        let stored = try await store.commit(version("a", events: [.quoteNew, .claimChanged]))
        let first = try #require(try await store.nextDelivery(hook: "desk"))
        #expect(first.event.id == stored[0].id && first.attempts == 0)
        if backend == .postgresql {
            let other = try await opened.reopen()
            #expect(try await other.nextDelivery(hook: "desk") == nil, "the head is leased to the first instance")
        }
        try await store.recordFailure(first, error: "HTTP 503", nextTry: time.addingTimeInterval(5), at: time)
        let again = try #require(try await store.nextDelivery(hook: "desk"))
        #expect(again.id == first.id && again.attempts == 1 && again.lastError == "HTTP 503")
        try await store.recordDelivered(again, at: time)
        #expect(try await store.nextDelivery(hook: "desk")?.event.id == stored[1].id)
        let state = try #require(try await store.hookStates().first)
        #expect(state.id == "desk" && state.delivered == 1 && state.pending == 1 && state.failingSince == nil)
        try await store.dropDeliveries(keepingHooks: [])
        #expect(try await store.hookStates().isEmpty)
    }

    /// Feeds leased by instances asking together are split, never given twice; one refreshed is
    /// not leased again before it is due; one held by a dead instance is taken over once its lease expires.
    @Test(arguments: Backend.allCases) func feedsAreLeasedToOneInstanceAtATime(_ backend: Backend) async throws {
        guard let opened = try await backend.open() else { return }
        let store = opened.store
        let ids = (0..<6).map { "f\($0)" }
        let urls = Dictionary(uniqueKeysWithValues: ids.map { ($0, "https://example.org/\($0)") })
        let now = Date()
        let mine = try await store.leaseFeeds(Array(ids.prefix(4)), urls: urls, since: nil, now: now)
        #expect(mine == Array(ids.prefix(4)) || Set(mine) == Set(ids.prefix(4)))
        guard backend == .postgresql else {
            #expect(try await store.feedsHeldElsewhere(ids, since: now, now: now).isEmpty)
            return
        }
        let other = try await opened.reopen()
        #expect(Set(try await other.leaseFeeds(ids, urls: urls, since: nil, now: now)) == Set(ids.suffix(2)))
        #expect(Set(try await other.feedsHeldElsewhere(ids, since: now, now: now)) == Set(ids.prefix(4)))
        // f0 refreshed by the first: not due for an hour, so no one leases it again now.
        try await store.save(FeedState(id: "f0", url: urls["f0"]!, lastFetch: now, result: .ok, nextDue: now.addingTimeInterval(3600)))
        #expect(try await other.leaseFeeds(["f0"], urls: urls, since: nil, now: now.addingTimeInterval(60)).isEmpty)
        // f1's holder went quiet: its lease runs out and the other takes it over.
        let later = now.addingTimeInterval(PostgresStore.leaseDuration + 1)
        #expect(try await other.leaseFeeds(["f1"], urls: urls, since: nil, now: later) == ["f1"])
        #expect(try await store.leaseFeeds(["f1"], urls: urls, since: nil, now: later).isEmpty)
    }

    /// `sslmode=require` in the URL: the connection is encrypted (the server's own view, pg_stat_ssl).
    @Test func theURLCanAskForTLS() async throws {
        guard let server = PostgresServer.shared, server.tls else {
            print("skipped: \(PostgresServer.skipReason ?? "the test server has no certificate (openssl missing)")")
            return
        }
        let url: String = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try server.database() }) }
        }
        let store = try await PostgresStore.open(url.replacingOccurrences(of: "127.0.0.1", with: "localhost") + "?sslmode=require")
        try await store.ping()
        let name = String(url.split(separator: "/").last ?? "")
        let encrypted: String = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try server.psql(name, "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.datname = '\(name)' AND s.ssl AND a.pid <> pg_backend_pid()")
                })
            }
        }
        #expect(Int(encrypted.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= 1, "\(encrypted)")
        withExtendedLifetime(store) {}
    }
}
