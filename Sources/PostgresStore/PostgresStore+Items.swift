public import Foundation
import PostgresNIO
public import QuoteCore
public import StateStore

/// Items: their rows, statement states, versions, linked pages and current quotes.
extension PostgresStore {
    /// What stands for a missing value in the arrays of a multi-row insert (arrays of optionals do not
    /// bind): one control character no name or source a feed gives can be alone, turned back to NULL.
    static let none = "\u{1}"

    static let itemColumns = """
        i.id, i.feed_id, i.identity, i.link, i.title, i.published, i.first_seen, i.content_hash, i.page_url, i.page_final_url, i.page_etag,
        i.page_last_modified, i.page_hash, i.page_fetched, i.page_status, i.page_error, i.page_failures, i.page_next_due
        """

    /// The items a query over `item i` selects, in its order, with their statement states.
    func items(_ query: PostgresQuery, _ connection: PostgresConnection) async throws -> [StoredItem] {
        var items: [StoredItem] = []
        for try await row in try await connection.query(query, logger: logger) {
            let (id, feed, identity, link, title, published, firstSeen, hash) = try row.decode(
                (Int64, String, String, String?, String?, Date?, Date, String).self)
            let columns = row.makeRandomAccess()
            let page = PageState(
                url: try columns[8].decode(String?.self), finalURL: try columns[9].decode(String?.self), etag: try columns[10].decode(String?.self),
                lastModified: try columns[11].decode(String?.self), hash: try columns[12].decode(String?.self),
                fetched: try columns[13].decode(Date?.self), status: try columns[14].decode(Int?.self), error: try columns[15].decode(String?.self),
                failures: try columns[16].decode(Int.self), nextDue: try columns[17].decode(Date?.self))
            items.append(StoredItem(itemID: id, feedID: feed, identity: identity, link: link, title: title, published: published,
                                    firstSeen: firstSeen, contentHash: hash, states: [:], page: page))
        }
        guard !items.isEmpty else { return [] }
        let ids = items.map(\.itemID)
        var states: [Int64: [String: StatementState]] = [:]
        let rows = try await connection.query("""
            SELECT item_id, statement_id, quote, speaker, score, tier, numeric_values, history, reversed FROM statement_state WHERE item_id = ANY(\(ids))
            """, logger: logger)
        for try await (itemID, statement, quote, speaker, score, tier, values, history, reversed) in rows.decode(
            (Int64, String, String, String?, Double, String, String, String, Bool).self)
        {
            states[itemID, default: [:]][statement] = StatementState(
                statementID: statement, quote: quote, speaker: speaker, score: score, tier: StatementMatch.Tier(rawValue: tier) ?? .fuzzy,
                values: Self.value([NumericValue].self, json: values) ?? [], history: Self.value([String].self, json: history) ?? [], reversed: reversed)
        }
        for index in items.indices { items[index].states = states[items[index].itemID] ?? [:] }
        return items
    }

    public func storedItem(feedID: String, identity: String) async throws(StoreError) -> StoredItem? {
        try await read { connection in
            try await items("SELECT \(unescaped: Self.itemColumns) FROM item i WHERE i.feed_id = \(feedID) AND i.identity = \(identity)", connection).first
        }
    }

    public func storedItems(feedID: String, identities: [String]) async throws(StoreError) -> [String: StoredItem] {
        guard !identities.isEmpty else { return [:] }
        return try await read { connection in
            let found = try await items(
                "SELECT \(unescaped: Self.itemColumns) FROM item i WHERE i.feed_id = \(feedID) AND i.identity = ANY(\(identities))", connection)
            return Dictionary(found.map { ($0.identity, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    static let versionColumns = "id, time, source, url, etag, last_modified, body_hash, text_hash, text, quotes, complete"

    static func version(_ row: PostgresRow) throws -> ItemVersion {
        let (id, time, source, url, etag, modified, body, textHash, text, quotes, complete) = try row.decode(
            (Int64, Date, String, String?, String?, String?, String, String, String, String, Bool).self)
        return ItemVersion(
            id: id, time: time, source: TextSource(rawValue: source) ?? .content, url: url, etag: etag, lastModified: modified, bodyHash: body,
            textHash: textHash, text: text, quotes: value([Quote].self, json: quotes) ?? [], complete: complete)
    }

    public func latestVersion(itemID: Int64) async throws(StoreError) -> ItemVersion? {
        try await read { connection in
            for try await row in try await connection.query(
                "SELECT \(unescaped: Self.versionColumns) FROM item_version WHERE item_id = \(itemID) ORDER BY id DESC LIMIT 1", logger: logger)
            {
                return try Self.version(row)
            }
            return nil
        }
    }

    /// One reading of an item in one transaction (as the SQLite store's `commit`). The first
    /// appearances are read under a transaction-scoped advisory lock per statement, so that two
    /// instances quoting one statement at once agree on which was first.
    public func commit(_ commit: ItemCommit) async throws(StoreError) -> [ChangeEvent] {
        let place = commit.place
        let hooks = configuredHooks
        return try await write { connection in
            var itemID: Int64 = 0
            for try await id in try await connection.query("""
                INSERT INTO item (feed_id, identity, link, title, published, content_hash, first_seen, last_seen, in_feed)
                VALUES (\(place.feedID), \(place.identity), \(place.link), \(place.title), \(place.published), \(place.contentHash),
                  \(commit.seen), \(commit.seen), true)
                ON CONFLICT (feed_id, identity) DO UPDATE SET link = EXCLUDED.link, title = EXCLUDED.title, published = EXCLUDED.published,
                  content_hash = EXCLUDED.content_hash, last_seen = EXCLUDED.last_seen, in_feed = true
                RETURNING id
                """, logger: logger).decode(Int64.self)
            {
                itemID = id
            }
            if let page = commit.page { try await savePage(page, itemID: itemID, connection) }
            if let version = commit.version {
                try await connection.run("""
                    INSERT INTO item_version (item_id, time, source, url, etag, last_modified, body_hash, text_hash, text, quotes, complete)
                    VALUES (\(itemID), \(version.time), \(version.source.rawValue), \(version.url), \(version.etag), \(version.lastModified),
                      \(version.bodyHash), \(version.textHash), \(version.text), \(try Self.json(version.quotes)), \(version.complete))
                    """, logger: logger)
                try await connection.run("DELETE FROM quote WHERE item_id = \(itemID)", logger: logger)
                if !version.quotes.isEmpty {
                    // One statement for all the quotes, their columns as arrays.
                    let quotes = version.quotes
                    try await connection.run("""
                        INSERT INTO quote (item_id, position, text, speaker, source, start_offset, end_offset, kind)
                        SELECT \(itemID), p, t, NULLIF(sp, \(Self.none)), NULLIF(so, \(Self.none)), st, en, k
                        FROM unnest(\(Array(0..<quotes.count))::integer[], \(quotes.map(\.text))::text[],
                          \(quotes.map { $0.speaker ?? Self.none })::text[], \(quotes.map { $0.source ?? Self.none })::text[],
                          \(quotes.map(\.start))::integer[], \(quotes.map(\.end))::integer[], \(quotes.map(\.kind.rawValue))::text[])
                          AS q(p, t, sp, so, st, en, k)
                        """, logger: logger)
                }
            }
            if let states = commit.states {
                try await connection.run("DELETE FROM statement_state WHERE item_id = \(itemID)", logger: logger)
                let sorted = states.values.sorted { $0.statementID < $1.statementID }
                if !sorted.isEmpty {
                    try await connection.run("""
                        INSERT INTO statement_state (item_id, statement_id, quote, speaker, score, tier, numeric_values, history, reversed)
                        SELECT \(itemID), s, q, NULLIF(sp, \(Self.none)), sc, t, v, h, r
                        FROM unnest(\(sorted.map(\.statementID))::text[], \(sorted.map(\.quote))::text[],
                          \(sorted.map { $0.speaker ?? Self.none })::text[], \(sorted.map(\.score))::double precision[],
                          \(sorted.map(\.tier.rawValue))::text[], \(try sorted.map { try Self.json($0.values) })::text[],
                          \(try sorted.map { try Self.json($0.history) })::text[], \(sorted.map(\.reversed))::boolean[])
                          AS x(s, q, sp, sc, t, v, h, r)
                        """, logger: logger)
                }
            }
            var firsts: [String: FirstAppearance] = [:]
            if !commit.newStatements.isEmpty {
                for statement in commit.newStatements.sorted() {
                    try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\(statement)))", logger: logger)
                }
                let rows = try await connection.query(
                    "SELECT statement_id, feed, item, url, quote, time FROM first_appearance WHERE statement_id = ANY(\(commit.newStatements))", logger: logger)
                for try await (statement, feed, item, url, quote, time) in rows.decode((String, String, String, String?, String, Date).self) {
                    firsts[statement] = FirstAppearance(statementID: statement, feed: feed, item: item, url: url, quote: quote, time: time)
                }
            }
            let events = commit.events(firsts)
            for event in events where event.type == .quoteNew {
                guard let statement = event.statement, let quote = event.quote else { continue }
                try await connection.run("""
                    INSERT INTO first_appearance (statement_id, feed, item, url, quote, time)
                    VALUES (\(statement), \(event.feed), \(place.identity), \(event.url), \(quote), \(event.time)) ON CONFLICT DO NOTHING
                    """, logger: logger)
            }
            var stored: [ChangeEvent] = []
            for event in events { stored.append(try await insert(event, hooks: hooks, connection)) }
            return stored
        }
    }

    func savePage(_ page: PageState, itemID: Int64, _ connection: PostgresConnection) async throws {
        try await connection.run("""
            UPDATE item SET page_url = \(page.url), page_final_url = \(page.finalURL), page_etag = \(page.etag),
              page_last_modified = \(page.lastModified), page_hash = \(page.hash), page_fetched = \(page.fetched), page_status = \(page.status),
              page_error = \(page.error), page_failures = \(page.failures), page_next_due = \(page.nextDue)
            WHERE id = \(itemID)
            """, logger: logger)
    }

    public func savePage(_ page: PageState, itemID: Int64) async throws(StoreError) {
        try await write { connection in try await savePage(page, itemID: itemID, connection) }
    }

    public func markInFeed(feedID: String, identities: Set<String>) async throws(StoreError) {
        let all = Array(identities)
        try await write { connection in
            try await connection.run("""
                UPDATE item SET in_feed = (identity = ANY(\(all))) WHERE feed_id = \(feedID) AND in_feed <> (identity = ANY(\(all)))
                """, logger: logger)
        }
    }

    public func itemsWithPages(feedID: String, dueBy time: Date?) async throws(StoreError) -> [StoredItem] {
        try await read { connection in
            if let time {
                return try await items("""
                    SELECT \(unescaped: Self.itemColumns) FROM item i WHERE i.feed_id = \(feedID) AND i.in_feed AND i.link IS NOT NULL
                      AND i.page_next_due IS NOT NULL AND i.page_next_due <= \(time) ORDER BY i.id
                    """, connection)
            }
            return try await items("""
                SELECT \(unescaped: Self.itemColumns) FROM item i WHERE i.feed_id = \(feedID) AND i.in_feed AND i.link IS NOT NULL ORDER BY i.id
                """, connection)
        }
    }

    public func nextPageDue() async throws(StoreError) -> [String: Date] {
        try await read { connection in
            var found: [String: Date] = [:]
            let rows = try await connection.query(
                "SELECT feed_id, min(page_next_due) FROM item WHERE in_feed AND page_next_due IS NOT NULL GROUP BY feed_id", logger: logger)
            for try await (feed, due) in rows.decode((String, Date).self) { found[feed] = due }
            return found
        }
    }

    public func itemsWithLatestVersion(feedIDs: [String], after: Int64, limit: Int) async throws(StoreError) -> [(StoredItem, ItemVersion)] {
        guard !feedIDs.isEmpty else { return [] }
        return try await read { connection in
            let found = try await items("""
                SELECT \(unescaped: Self.itemColumns) FROM item i WHERE i.in_feed AND i.id > \(after) AND i.feed_id = ANY(\(feedIDs))
                  AND EXISTS (SELECT 1 FROM item_version v WHERE v.item_id = i.id) ORDER BY i.id LIMIT \(limit)
                """, connection)
            guard !found.isEmpty else { return [] }
            var latest: [Int64: ItemVersion] = [:]
            let rows = try await connection.query("""
                SELECT DISTINCT ON (item_id) item_id, \(unescaped: Self.versionColumns) FROM item_version WHERE item_id = ANY(\(found.map(\.itemID)))
                ORDER BY item_id, id DESC
                """, logger: logger)
            for try await row in rows {
                let columns = row.makeRandomAccess()
                let itemID = try columns[0].decode(Int64.self)
                let (id, time, source, url, etag, modified, body, textHash, text, quotes, complete) = (
                    try columns[1].decode(Int64.self), try columns[2].decode(Date.self), try columns[3].decode(String.self),
                    try columns[4].decode(String?.self), try columns[5].decode(String?.self), try columns[6].decode(String?.self),
                    try columns[7].decode(String.self), try columns[8].decode(String.self), try columns[9].decode(String.self),
                    try columns[10].decode(String.self), try columns[11].decode(Bool.self))
                latest[itemID] = ItemVersion(
                    id: id, time: time, source: TextSource(rawValue: source) ?? .content, url: url, etag: etag, lastModified: modified,
                    bodyHash: body, textHash: textHash, text: text, quotes: Self.value([Quote].self, json: quotes) ?? [], complete: complete)
            }
            return found.compactMap { item in latest[item.itemID].map { (item, $0) } }
        }
    }

    public func history(of item: String) async throws(StoreError) -> [ItemHistory] {
        try await read { connection in
            var histories: [ItemHistory] = []
            var ids: [Int64] = []
            let rows = try await connection.query(
                "SELECT id, feed_id, identity, link, title FROM item WHERE identity = \(item) OR link = \(item) ORDER BY id", logger: logger)
            for try await (id, feed, identity, link, title) in rows.decode((Int64, String, String, String?, String?).self) {
                ids.append(id)
                histories.append(ItemHistory(feedID: feed, identity: identity, link: link, title: title, versions: []))
            }
            for (index, id) in ids.enumerated() {
                for try await row in try await connection.query(
                    "SELECT \(unescaped: Self.versionColumns) FROM item_version WHERE item_id = \(id) ORDER BY id", logger: logger)
                {
                    histories[index].versions.append(try Self.version(row))
                }
            }
            return histories
        }
    }

    /// Stored quotes, optionally of one speaker (the full name or its last words, case-insensitive)
    /// and of one statement, in item and position order, with the statements each is the quote of.
    public func quotes(speaker: String? = nil, statement: String? = nil) async throws(StoreError) -> [StoredQuote] {
        let escaped = speaker.map {
            "% " + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        }
        return try await read { connection in
            let rows = try await connection.query("""
                SELECT q.text, q.speaker, q.source, q.start_offset, q.end_offset, q.kind, i.feed_id, i.identity, i.link, i.title, i.first_seen,
                  COALESCE((SELECT string_agg(s.statement_id, chr(1) ORDER BY s.statement_id) FROM statement_state s
                            WHERE s.item_id = q.item_id AND s.quote = q.text), '')
                FROM quote q JOIN item i ON i.id = q.item_id
                WHERE q.kind = 'speech'
                  AND (\(speaker)::text IS NULL OR lower(q.speaker) = lower(\(speaker)) OR lower(q.speaker) LIKE lower(\(escaped)))
                  AND (\(statement)::text IS NULL OR EXISTS (SELECT 1 FROM statement_state s
                       WHERE s.statement_id = \(statement) AND s.item_id = q.item_id AND s.quote = q.text))
                ORDER BY q.item_id, q.position
                """, logger: logger)
            var found: [StoredQuote] = []
            for try await (text, who, source, start, end, kind, feed, identity, link, title, firstSeen, statements) in rows.decode(
                (String, String?, String?, Int, Int, String, String, String, String?, String?, Date, String).self)
            {
                let quote = Quote(text: text, speaker: who, source: source, start: start, end: end, kind: Quote.Kind(rawValue: kind) ?? .speech)
                found.append(StoredQuote(
                    feedID: feed, item: identity, link: link, title: title, quote: quote,
                    statements: statements.isEmpty ? [] : statements.split(separator: "\u{1}").map(String.init), firstSeen: firstSeen))
            }
            return found
        }
    }
}
