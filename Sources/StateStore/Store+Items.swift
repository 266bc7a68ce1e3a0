import Foundation
import GRDB
public import QuoteCore

/// Items: their rows, statement states, versions, linked pages and current quotes.
extension Store {
    /// The item as stored, or nil for an item never seen.
    public func storedItem(feedID: String, identity: String) async throws(StoreError) -> StoredItem? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM item WHERE feedID = ? AND identity = ?", arguments: [feedID, identity])
                .map { try Store.storedItem($0, db) }
        }
    }

    static func storedItem(_ row: Row, _ db: Database) throws -> StoredItem {
        let itemID: Int64 = row["id"]
        var states: [String: StatementState] = [:]
        for state in try Row.fetchAll(db, sql: "SELECT * FROM statementState WHERE itemID = ?", arguments: [itemID]) {
            let id: String = state["statementID"]
            states[id] = StatementState(
                statementID: id, quote: state["quote"], speaker: state["speaker"], score: state["score"],
                tier: StatementMatch.Tier(rawValue: state["tier"]) ?? .fuzzy,
                values: Store.decode([NumericValue].self, state["numericValues"]) ?? [],
                history: Store.decode([String].self, state["history"]) ?? [], reversed: state["reversed"] ?? false)
        }
        let page = PageState(
            url: row["pageURL"], finalURL: row["pageFinalURL"], etag: row["pageETag"], lastModified: row["pageLastModified"],
            hash: row["pageHash"], fetched: row["pageFetched"], status: row["pageStatus"], error: row["pageError"],
            failures: row["pageFailures"] ?? 0, nextDue: row["pageNextDue"])
        return StoredItem(
            itemID: itemID, feedID: row["feedID"], identity: row["identity"], link: row["link"], title: row["title"],
            published: row["published"], firstSeen: row["firstSeen"], contentHash: row["contentHash"], states: states, page: page)
    }

    /// The latest stored version of an item, or nil when none was kept.
    public func latestVersion(itemID: Int64) async throws(StoreError) -> ItemVersion? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM itemVersion WHERE itemID = ? ORDER BY id DESC LIMIT 1", arguments: [itemID])
                .map(Store.version)
        }
    }

    static func version(_ row: Row) -> ItemVersion {
        ItemVersion(
            id: row["id"], time: row["time"], source: TextSource(rawValue: row["source"]) ?? .content, url: row["url"],
            etag: row["etag"], lastModified: row["lastModified"], bodyHash: row["bodyHash"], textHash: row["textHash"],
            text: row["text"], quotes: Store.decode([Quote].self, row["quotes"]) ?? [], complete: row["complete"])
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        text.flatMap { try? JSONDecoder().decode(type, from: Data($0.utf8)) }
    }

    static func encode(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// Writes one reading of an item in one transaction: its row (marked as in its feed), a new
    /// version with its quotes, its statement states, its page's state, and its events, assembled
    /// with the first appearances as the transaction sees them.
    /// - Returns: the events as stored, with their ids, in order.
    public func commit(_ commit: ItemCommit) async throws(StoreError) -> [ChangeEvent] {
        let place = commit.place
        let hooks = configuredHooks
        return try await write { db in
            try db.execute(sql: """
                INSERT INTO item (feedID, identity, link, title, published, contentHash, firstSeen, lastSeen, inFeed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT(feedID, identity) DO UPDATE SET link = excluded.link, title = excluded.title,
                  published = excluded.published, contentHash = excluded.contentHash, lastSeen = excluded.lastSeen, inFeed = 1
                """,
                arguments: [place.feedID, place.identity, place.link, place.title, place.published, place.contentHash, commit.seen, commit.seen])
            guard let itemID = try Int64.fetchOne(
                db, sql: "SELECT id FROM item WHERE feedID = ? AND identity = ?", arguments: [place.feedID, place.identity])
            else { throw StoreError(kind: .incompatible, path: "", message: "item row vanished inside its transaction") }
            if let page = commit.page { try Store.update(page, itemID: itemID, db) }
            if let version = commit.version {
                try db.execute(sql: """
                    INSERT INTO itemVersion (itemID, time, source, url, etag, lastModified, bodyHash, textHash, text, quotes, complete)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [itemID, version.time, version.source.rawValue, version.url, version.etag, version.lastModified,
                                version.bodyHash, version.textHash, version.text, try Store.encode(version.quotes), version.complete])
                try db.execute(sql: "DELETE FROM quote WHERE itemID = ?", arguments: [itemID])
                for (position, quote) in version.quotes.enumerated() {
                    try db.execute(sql: """
                        INSERT INTO quote (itemID, position, text, speaker, source, start, "end", kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        arguments: [itemID, position, quote.text, quote.speaker, quote.source, quote.start, quote.end, quote.kind.rawValue])
                }
            }
            if let states = commit.states {
                try db.execute(sql: "DELETE FROM statementState WHERE itemID = ?", arguments: [itemID])
                for state in states.values.sorted(by: { $0.statementID < $1.statementID }) {
                    try db.execute(sql: """
                        INSERT INTO statementState (itemID, statementID, quote, speaker, score, tier, numericValues, history, reversed)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                        arguments: [itemID, state.statementID, state.quote, state.speaker, state.score, state.tier.rawValue,
                                    try Store.encode(state.values), try Store.encode(state.history), state.reversed])
                }
            }
            let events = commit.events(try Store.firstAppearances(of: commit.newStatements, db))
            for event in events where event.type == .quoteNew {
                guard let statement = event.statement, let quote = event.quote else { continue }
                try db.execute(sql: """
                    INSERT OR IGNORE INTO firstAppearance (statementID, feed, item, url, quote, time) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [statement, event.feed, place.identity, event.url, quote, event.time])
            }
            return try events.map { try Store.insert($0, hooks: hooks, db) }
        }
    }

    /// Saves the state of an item's linked page after a read that changed nothing else.
    public func savePage(_ page: PageState, itemID: Int64) async throws(StoreError) {
        try await write { db in try Store.update(page, itemID: itemID, db) }
    }

    static func update(_ page: PageState, itemID: Int64, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE item SET pageURL = ?, pageFinalURL = ?, pageETag = ?, pageLastModified = ?, pageHash = ?, pageFetched = ?,
              pageStatus = ?, pageError = ?, pageFailures = ?, pageNextDue = ? WHERE id = ?
            """,
            arguments: [page.url, page.finalURL, page.etag, page.lastModified, page.hash, page.fetched, page.status,
                        page.error, page.failures, page.nextDue, itemID])
    }

    /// Marks which items of a feed are in it now (its latest read): the others left it, their
    /// pages are no longer read and a statement added later is not matched against them.
    public func markInFeed(feedID: String, identities: Set<String>) async throws(StoreError) {
        try await write { db in
            try db.execute(sql: "UPDATE item SET inFeed = 0 WHERE feedID = ? AND inFeed = 1", arguments: [feedID])
            let all = Array(identities)
            for chunk in stride(from: 0, to: all.count, by: 500) {
                let part = all[chunk..<min(all.count, chunk + 500)]
                try db.execute(
                    sql: "UPDATE item SET inFeed = 1 WHERE feedID = ? AND identity IN (" + part.map { _ in "?" }.joined(separator: ", ") + ")",
                    arguments: StatementArguments([feedID] + Array(part)))
            }
        }
    }

    /// The items still in a feed whose linked page is due by `time` (nil: all of them), oldest first.
    public func itemsWithPages(feedID: String, dueBy time: Date?) async throws(StoreError) -> [StoredItem] {
        try await read { db in
            var sql = "SELECT * FROM item WHERE feedID = ? AND inFeed = 1 AND link IS NOT NULL"
            var arguments: StatementArguments = [feedID]
            if let time {
                sql += " AND pageNextDue IS NOT NULL AND pageNextDue <= ?"
                arguments += [time]
            }
            return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: arguments).map { try Store.storedItem($0, db) }
        }
    }

    /// The earliest time a linked page of each feed is due, by feed id (feeds with none left out).
    public func nextPageDue() async throws(StoreError) -> [String: Date] {
        try await read { db in
            var due: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT feedID, MIN(pageNextDue) AS due FROM item WHERE inFeed = 1 AND pageNextDue IS NOT NULL GROUP BY feedID") {
                if let date: Date = row["due"] { due[row["feedID"]] = date }
            }
            return due
        }
    }

    /// The items still in one of these feeds that have a stored version, with their latest version,
    /// `limit` at a time after the item id `after` (for matching a statement added later).
    public func itemsWithLatestVersion(feedIDs: [String], after: Int64, limit: Int) async throws(StoreError) -> [(StoredItem, ItemVersion)] {
        guard !feedIDs.isEmpty else { return [] }
        return try await read { db in
            let marks = feedIDs.map { _ in "?" }.joined(separator: ", ")
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM item WHERE inFeed = 1 AND id > ? AND feedID IN (\(marks))
                  AND EXISTS (SELECT 1 FROM itemVersion v WHERE v.itemID = item.id) ORDER BY id LIMIT ?
                """, arguments: StatementArguments([after] as [any DatabaseValueConvertible] + feedIDs + [limit]))
            return try rows.compactMap { row in
                let item = try Store.storedItem(row, db)
                guard let version = try Row.fetchOne(
                    db, sql: "SELECT * FROM itemVersion WHERE itemID = ? ORDER BY id DESC LIMIT 1", arguments: [item.itemID])
                else { return nil }
                return (item, Store.version(version))
            }
        }
    }

    /// Every stored version of the items whose identity (guid) or link is `item`, in any feed.
    public func history(of item: String) async throws(StoreError) -> [ItemHistory] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM item WHERE identity = ? OR link = ? ORDER BY id", arguments: [item, item]).map { row in
                let itemID: Int64 = row["id"]
                let versions = try Row.fetchAll(db, sql: "SELECT * FROM itemVersion WHERE itemID = ? ORDER BY id", arguments: [itemID]).map(Store.version)
                return ItemHistory(feedID: row["feedID"], identity: row["identity"], link: row["link"], title: row["title"], versions: versions)
            }
        }
    }

    // MARK: Quotes

    /// Stored quotes, optionally of one speaker (case-insensitive), with their item's feed and link.
    public func quotes(speaker: String? = nil, statement: String? = nil) async throws(StoreError) -> [StoredQuote] {
        try await read { db in
            var sql = """
                SELECT quote.*, item.feedID, item.identity, item.link, item.title, item.firstSeen,
                  (SELECT group_concat(s.statementID, char(10)) FROM (SELECT statementID FROM statementState
                     WHERE itemID = quote.itemID AND quote = quote.text ORDER BY statementID) s) AS statements
                FROM quote JOIN item ON item.id = quote.itemID
                WHERE quote.kind = 'speech'
                """
            var arguments: StatementArguments = []
            if let speaker {
                // The full name, or its last words ("Hegseth", "de Gaulle"): case-insensitive.
                let escaped = speaker.replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                sql += " AND (quote.speaker = ? COLLATE NOCASE OR quote.speaker LIKE ? ESCAPE '\\')"
                arguments += [speaker, "% " + escaped]
            }
            if let statement {
                sql += " AND EXISTS (SELECT 1 FROM statementState s WHERE s.itemID = quote.itemID AND s.statementID = ? AND s.quote = quote.text)"
                arguments += [statement]
            }
            sql += " ORDER BY item.id, quote.position"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                StoredQuote(
                    feedID: row["feedID"], item: row["identity"], link: row["link"], title: row["title"],
                    quote: Quote(text: row["text"], speaker: row["speaker"], source: row["source"], start: row["start"],
                                 end: row["end"], kind: Quote.Kind(rawValue: row["kind"]) ?? .speech),
                    statements: (row["statements"] as String?)?.split(separator: "\n").map(String.init) ?? [],
                    firstSeen: row["firstSeen"])
            }
        }
    }
}
