import Foundation
import GRDB
import QuoteCore
import Synchronization
@testable import StateStore
import Testing

/// Files written by earlier versions open unchanged and read back through the public API: a
/// database left at schema step v3 migrates forward (v4's logged flags, v5's item, page, version
/// and statement columns), and rows as the SQL-string store wrote them at v5 read back whole.
@Suite struct StoreMigrationTests {
    let seen = Date(timeIntervalSince1970: 1_739_383_500)

    func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// A database that has applied the migrations up to the one whose identifier starts with `step`.
    func database(at step: String, _ database: borrowing TemporaryDatabase, rows: @escaping @Sendable (Database) throws -> Void) async throws {
        let migrator = StoreSchema.migrator
        let target = try #require(migrator.migrations.first { $0.hasPrefix(step) })
        let queue = try DatabaseQueue(path: database.path)
        try migrator.migrate(queue, upTo: target)
        try await queue.write(rows)
        try queue.close()
    }

    @Test func aVersion3DatabaseMigratesForward() async throws {
        let database = try TemporaryDatabase()
        let seen = seen
        let values = try json(NumericValue.values(in: "spend 5% of GDP"))
        let history = try json(["spend 3% of GDP"])
        let oldValues = try json(["3%"]), newValues = try json(["5%"])
        // The rows as version 3's Store wrote them (its SQL, its JSON), and its logging cursor:
        // events 1 and 2 logged, 3 and 4 committed when the daemon stopped.
        try await self.database(at: "v3", database) { db in
            try db.execute(sql: """
                INSERT INTO feed (id, url, fetchURL, etag, lastModified, bodyHash, lastFetch, result, httpStatus, error, consecutiveFailures, nextDue)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: ["f", "https://example.org/rss", "https://example.org/moved", "\"v1\"", "Wed, 12 Feb 2025 18:05:00 GMT",
                                 "body-1", seen, "not-modified", 304, nil, 0, seen.addingTimeInterval(600)])
            try db.execute(sql: """
                INSERT INTO item (feedID, identity, link, title, published, contentHash, firstSeen, lastSeen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: ["f", "guid-1", "https://example.org/a", "A", seen, "h1", seen, seen])
            for (position, text, speaker, kind) in [(0, "spend 5% of GDP", "Pete Hegseth", "speech"), (1, "peace dividend", nil, "scare")] {
                try db.execute(sql: """
                    INSERT INTO quote (itemID, position, text, speaker, source, start, "end", kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [1, position, text, speaker, nil, 10 + 30 * position, 25 + 30 * position, kind])
            }
            try db.execute(sql: """
                INSERT INTO statementState (itemID, statementID, quote, speaker, score, tier, numericValues, history) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [1, "s", "spend 5% of GDP", "Pete Hegseth", 0.9, "fuzzy", values, history])
            try db.execute(sql: """
                INSERT OR IGNORE INTO firstAppearance (statementID, feed, item, url, quote, time) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: ["s", "f", "guid-1", "https://example.org/a", "spend 3% of GDP", seen])
            let events: [[(any DatabaseValueConvertible)?]] = [
                [seen, "quote.new", "s", "f", "guid-1", "spend 3% of GDP", 0.9, "fuzzy", nil, nil, nil, nil],
                [seen, "quote.edited", "s", "f", "guid-1", "spend 5% of GDP", 0.9, "fuzzy", "spend 3% of GDP", nil, nil, "3% → 5%"],
                [seen, "claim.changed", "s", "f", "guid-1", "spend 5% of GDP", 0.9, "fuzzy", "spend 3% of GDP", oldValues, newValues, nil],
                [seen, "feed.failed", nil, "f", nil, nil, nil, nil, nil, nil, nil, "HTTP 503"],
            ]
            for event in events {
                try db.execute(sql: """
                    INSERT INTO event (time, type, statement, feed, item, quote, score, tier, previous, oldValues, newValues, detail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: StatementArguments(event))
            }
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('lastLoggedEvent', ?)", arguments: [String(2)])
        }

        let store = try SQLiteStore(path: database.path)

        // v4: the cursor became a flag per event, and went.
        #expect(try await store.unloggedEvents().compactMap(\.id) == [3, 4])
        let events = try await store.events()
        #expect(events.map(\.type) == [.quoteNew, .quoteEdited, .claimChanged, .feedFailed])
        #expect(events[0].tier == .fuzzy && events[3].tier == nil)
        #expect(events[2].oldValues == ["3%"] && events[2].newValues == ["5%"])
        #expect(events[1].detail == "3% → 5%" && events[1].previous == "spend 3% of GDP")
        #expect(events.allSatisfy { !$0.reversed && $0.first == nil })
        let cursor = try await DatabaseQueue(path: database.path).read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'lastLoggedEvent'")
        }
        #expect(cursor == nil)

        // v5: the item is in its feed, its page not yet read, it has no version, and no statement
        // has a fingerprint (so every one is matched again).
        let item = try #require(try await store.storedItem(feedID: "f", identity: "guid-1"))
        #expect(item.itemID == 1 && item.firstSeen == seen && item.contentHash == "h1" && item.published == seen)
        #expect(item.page == PageState())
        let state = try #require(item.states["s"])
        #expect(state.values.map(\.text) == ["5%"] && state.history == ["spend 3% of GDP"] && !state.reversed && state.tier == .fuzzy)
        #expect(try await store.itemsWithPages(feedID: "f", dueBy: nil).map(\.identity) == ["guid-1"])
        #expect(try await store.itemsWithPages(feedID: "f", dueBy: seen).isEmpty)
        #expect(try await store.nextPageDue().isEmpty)
        #expect(try await store.latestVersion(itemID: 1) == nil)
        #expect(try await store.itemsWithLatestVersion(feedIDs: ["f"], after: 0, limit: 10).isEmpty)
        #expect(try await store.history(of: "https://example.org/a").map(\.versions) == [[]])
        #expect(try await store.statementFingerprints().isEmpty)
        let quotes = try await store.quotes()
        #expect(quotes.map(\.quote.text) == ["spend 5% of GDP"])
        #expect(quotes.first?.statements == ["s"] && quotes.first?.firstSeen == seen)
        #expect(try await store.quotes(speaker: "hegseth", statement: "s").map(\.quote.text) == ["spend 5% of GDP"])
        #expect(try await store.quotes(statement: "t").isEmpty)
        #expect(try await store.feedState(id: "f") == FeedState(
            id: "f", url: "https://example.org/rss", fetchURL: "https://example.org/moved", etag: "\"v1\"",
            lastModified: "Wed, 12 Feb 2025 18:05:00 GMT", bodyHash: "body-1", lastFetch: seen, result: .notModified, httpStatus: 304,
            nextDue: seen.addingTimeInterval(600)))

        // The next reading keeps the first sighting and sees the first appearance v3 recorded.
        let later = seen.addingTimeInterval(3600)
        let firsts = Mutex<[String: FirstAppearance]>([:])
        let commit = ItemCommit(
            place: ItemPlace(item), seen: later,
            version: ItemVersion(time: later, source: .content, url: item.link, bodyHash: "b2", textHash: "t2", text: "x", quotes: [], complete: true),
            newStatements: ["s"], events: { found in firsts.withLock { $0 = found }; return [] })
        _ = try await store.commit(commit)
        #expect(firsts.withLock { $0 }["s"]?.quote == "spend 3% of GDP")
        #expect(try await store.storedItem(feedID: "f", identity: "guid-1")?.firstSeen == seen)
        #expect(try await store.latestVersion(itemID: 1)?.bodyHash == "b2")
    }

    /// Rows as the store wrote them with SQL strings at v5 (JSON from Foundation's default encoder,
    /// dates in it as seconds since 2001) read back whole through the records.
    @Test func rowsWrittenBeforeTheRecordsReadBack() async throws {
        let database = try TemporaryDatabase()
        let seen = seen
        let quote = Quote(text: "spend 5% of GDP", speaker: "Pete Hegseth", start: 10, end: 25)
        let first = FirstAppearance(statementID: "s", feed: "g", item: "guid-0", url: nil, quote: "spend 5% of GDP", time: seen.addingTimeInterval(-0.25))
        let quotes = try json([quote]), firstJSON = try json(first), values = try json(NumericValue.values(in: quote.text))
        try await self.database(at: "v5", database) { db in
            try db.execute(sql: """
                INSERT INTO item (feedID, identity, link, title, published, contentHash, firstSeen, lastSeen, inFeed, pageURL, pageFinalURL,
                  pageETag, pageLastModified, pageHash, pageFetched, pageStatus, pageError, pageFailures, pageNextDue)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: ["f", "guid-1", "https://example.org/a", nil, nil, "h1", seen, seen, "https://example.org/a",
                                 "https://example.org/a?amp", "\"p1\"", nil, "page-1", seen, 404, "HTTP 404", 2, seen.addingTimeInterval(900)])
            try db.execute(sql: """
                INSERT INTO itemVersion (itemID, time, source, url, etag, lastModified, bodyHash, textHash, text, quotes, complete)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [1, seen, "page", "https://example.org/a?amp", "\"p1\"", nil, "b1", "t1", "He said: “spend 5% of GDP”", quotes, false])
            try db.execute(sql: """
                INSERT INTO statementState (itemID, statementID, quote, speaker, score, tier, numericValues, history, reversed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [1, "s", quote.text, quote.speaker, 0.95, "normalized", values, "[]", true])
            try db.execute(sql: """
                INSERT INTO event (time, type, statement, feed, item, url, title, speaker, quote, previous, score, tier, oldValues, newValues,
                  detail, reversed, first)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [seen, "quote.new", "s", "f", "guid-1", "https://example.org/a", nil, "Pete Hegseth", quote.text, nil, 0.95,
                                 "normalized", nil, nil, nil, true, firstJSON])
            try db.execute(sql: "INSERT INTO statement (id, fingerprint) VALUES (?, ?)", arguments: ["s", "fp-1"])
        }

        let store = try SQLiteStore(readingFrom: database.path)
        let item = try #require(try await store.storedItem(feedID: "f", identity: "guid-1"))
        #expect(item.page == PageState(
            url: "https://example.org/a", finalURL: "https://example.org/a?amp", etag: "\"p1\"", hash: "page-1", fetched: seen, status: 404,
            error: "HTTP 404", failures: 2, nextDue: seen.addingTimeInterval(900)))
        #expect(item.states["s"] == StatementState(
            statementID: "s", quote: quote.text, speaker: quote.speaker, score: 0.95, tier: .normalized,
            values: NumericValue.values(in: quote.text), reversed: true))
        #expect(try await store.latestVersion(itemID: item.itemID) == ItemVersion(
            id: 1, time: seen, source: .page, url: "https://example.org/a?amp", etag: "\"p1\"", bodyHash: "b1", textHash: "t1",
            text: "He said: “spend 5% of GDP”", quotes: [quote], complete: false))
        let event = try #require(try await store.events().first)
        #expect(event.first == first, "the first appearance's time, in Foundation's JSON, reads back to the quarter second")
        #expect(event.reversed && event.tier == .normalized && event.id == 1)
        #expect(try await store.unloggedEvents().map(\.id) == [1])
        #expect(try await store.statementFingerprints() == ["s": "fp-1"])
        #expect(try await store.nextPageDue() == ["f": seen.addingTimeInterval(900)])
    }
}
