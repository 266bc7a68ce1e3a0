import Foundation
import QuoteCore
import StateStore
import Testing

/// A fresh database file in its own temporary folder, removed afterwards.
struct TemporaryDatabase: ~Copyable {
    let folder: URL
    var path: String { folder.appendingPathComponent("quotewatch.sqlite").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qw-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }
}

@Suite struct StoreTests {
    let time = Date(timeIntervalSince1970: 1_739_383_500)

    func version(_ quote: String, events: [EventType], hash: String = "h1") -> ItemVersion {
        let state = StatementState(statementID: "s", quote: quote, speaker: "Pete Hegseth", score: 0.9, tier: .fuzzy,
                                   values: NumericValue.values(in: quote))
        return ItemVersion(
            feedID: "f", identity: "guid-1", link: "https://example.org/a", title: "A", published: time, contentHash: hash,
            quotes: [Quote(text: quote, speaker: "Pete Hegseth", start: 10, end: 10 + quote.unicodeScalars.count)],
            states: ["s": state],
            events: events.map { ChangeEvent(time: time, type: $0, statement: "s", feed: "f", item: "guid-1", quote: quote, score: 0.9) },
            seen: time)
    }

    @Test func committedItemVersionReadsBack() async throws {
        let database = try TemporaryDatabase()
        let store = try Store(path: database.path)
        let stored = try await store.commit(version("spend 5% of GDP", events: [.quoteNew]))
        #expect(stored.map(\.id) == [1])
        let item = try #require(try await store.storedItem(feedID: "f", identity: "guid-1"))
        #expect(item.contentHash == "h1")
        #expect(item.states["s"]?.quote == "spend 5% of GDP")
        #expect(item.states["s"]?.values.first?.unit == "%")
        #expect(try await store.storedItem(feedID: "f", identity: "other") == nil)
        let quotes = try await store.quotes(speaker: "pete hegseth")
        #expect(quotes.map(\.quote.text) == ["spend 5% of GDP"])
    }

    @Test func eventsSurviveReopeningAndFilter() async throws {
        let database = try TemporaryDatabase()
        do {
            let store = try Store(path: database.path)
            _ = try await store.commit(version("a", events: [.quoteNew]))
            _ = try await store.commit(version("b", events: [.quoteEdited, .claimChanged], hash: "h2"))
            try await store.save(FeedState(id: "f", url: "https://example.org/rss", result: .failed, error: "boom", consecutiveFailures: 1),
                                 events: [ChangeEvent(time: time, type: .feedFailed, feed: "f", detail: "boom")])
        }
        let reader = try Store(readingFrom: database.path)
        #expect(try await reader.events().map(\.type) == [.quoteNew, .quoteEdited, .claimChanged, .feedFailed])
        #expect(try await reader.events(EventQuery(afterID: 2)).map(\.id) == [3, 4])
        #expect(try await reader.events(EventQuery(types: [.feedFailed])).first?.detail == "boom")
        #expect(try await reader.events(EventQuery(statement: "s")).count == 3)
        #expect(try await reader.feedState(id: "f")?.consecutiveFailures == 1)
    }

    @Test func eachEventIsLoggedOrNotOnItsOwn() async throws {
        let database = try TemporaryDatabase()
        let store = try Store(path: database.path)
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

    @Test func readingAMissingDatabaseSaysSo() throws {
        let database = try TemporaryDatabase()
        #expect {
            _ = try Store(readingFrom: database.path)
        } throws: { error in
            (error as? StoreError)?.kind == .missing && "\(error)".contains("does not exist")
        }
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let database = try TemporaryDatabase()
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: database.path))
        #expect {
            _ = try Store(path: database.path)
        } throws: { error in
            "\(error)".contains(database.path)
        }
    }

    @Test func aDatabaseFromANewerSchemaIsRefused() async throws {
        let database = try TemporaryDatabase()
        _ = try Store(path: database.path)
        // A newer quotewatch would have recorded a migration this build does not know.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('v99: future')\"); c.commit()", database.path]
        try sqlite.run()
        sqlite.waitUntilExit()
        try #require(sqlite.terminationStatus == 0)
        #expect {
            _ = try Store(path: database.path)
        } throws: { error in
            (error as? StoreError)?.kind == .incompatible && "\(error)".contains("newer quotewatch")
        }
    }
}
