import Foundation
import GRDB
public import QuoteCore

/// The quotewatch database: feeds, items, their quotes and statement states, and the event log.
///
/// One writer (the daemon, or `run --once` holding the same lock) opens it read-write; the CLI opens
/// it read-only. Write-ahead logging lets readers follow events while the daemon writes, and every
/// new item version is committed in one transaction together with the events it raised, so a daemon
/// killed at any moment loses no event and repeats none.
///
/// Blocking SQLite work runs on GRDB's own serial queues: the async methods suspend the caller
/// instead of blocking Swift's cooperative threads.
public final class Store: Sendable {
    /// Where the database lives.
    public let path: String
    private let writer: any DatabaseWriter

    /// How long a connection waits for a lock held by another before failing.
    public static let busyTimeout: TimeInterval = 5

    /// Opens (creating and migrating if needed) the database for writing.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(Store.busyTimeout)
        configuration.label = "quotewatch"
        do {
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = StoreSchema.migrator
            let known = Set(migrator.migrations)
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw StoreError(kind: .incompatible, path: path, message: "was written by a newer quotewatch (schema step \"\(unknown)\" is unknown to this version); upgrade quotewatch")
            }
            // Migrating takes the write lock; a store already up to date needs only a read, so a
            // daemon starts even while another program holds the lock, and waits it out later.
            if try pool.read({ db in try !migrator.hasCompletedMigrations(db) }) {
                try migrator.migrate(pool)
            }
            writer = pool
        } catch let error as StoreError {
            throw error
        } catch {
            throw Store.wrap(error, path: path)
        }
    }

    /// Opens an existing database for reading only (the CLI's `events`, `quotes`, `status`).
    public init(readingFrom path: String) throws(StoreError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(kind: .missing, path: path, message: "does not exist yet; start the daemon (quotewatch run) to create it")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(Store.busyTimeout)
        do {
            writer = try DatabaseQueue(path: path, configuration: configuration)
            let known = Set(StoreSchema.migrator.migrations)
            let applied = try writer.read { db in try StoreSchema.migrator.appliedIdentifiers(db) }
            if applied.isEmpty {
                throw StoreError(kind: .incompatible, path: path, message: "is not a quotewatch database")
            }
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw StoreError(kind: .incompatible, path: path, message: "was written by a newer quotewatch (schema step \"\(unknown)\"); upgrade quotewatch")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Store.wrap(error, path: path)
        }
    }

    static func wrap(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            let text = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return StoreError(kind: .incompatible, path: path, message: "is not a usable SQLite database (\(text))")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: "is locked by another process (\(text))")
            case .SQLITE_READONLY:
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: "is read-only (\(text))")
            case .SQLITE_FULL:
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: "the disk is full (\(text))")
            case .SQLITE_CANTOPEN:
                var reason = text
                var info = statvfs()
                if statvfs((path as NSString).deletingLastPathComponent, &info) == 0, info.f_flag & UInt(ST_RDONLY) != 0 {
                    reason += "; its folder is on a read-only file system"
                }
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: "cannot be opened (\(reason))")
            default:
                return StoreError(kind: .sqlite(code: error.resultCode.rawValue), path: path, message: text)
            }
        }
        return StoreError(kind: .sqlite(code: -1), path: path, message: String(describing: error))
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw Store.wrap(error, path: path)
        }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await writer.read(body)
        } catch {
            throw Store.wrap(error, path: path)
        }
    }

    /// Answers when the database does (the watchdog's health check).
    public func ping() async throws(StoreError) {
        _ = try await read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    // MARK: Feeds

    /// The stored state of a feed, or nil if it was never fetched.
    public func feedState(id: String) async throws(StoreError) -> FeedState? {
        try await read { db in try Row.fetchOne(db, sql: "SELECT * FROM feed WHERE id = ?", arguments: [id]).map(Store.feedState) }
    }

    /// Every stored feed state, by id.
    public func feedStates() async throws(StoreError) -> [FeedState] {
        try await read { db in try Row.fetchAll(db, sql: "SELECT * FROM feed ORDER BY id").map(Store.feedState) }
    }

    /// Saves a feed's state, and the feed events it raised, in one transaction.
    /// - Returns: the events as stored, with their ids.
    @discardableResult
    public func save(_ state: FeedState, events: [ChangeEvent] = []) async throws(StoreError) -> [ChangeEvent] {
        try await write { db in
            try Store.upsert(state, db)
            return try events.map { try Store.insert($0, db) }
        }
    }

    static func upsert(_ state: FeedState, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO feed (id, url, fetchURL, etag, lastModified, bodyHash, lastFetch, result, httpStatus, error, consecutiveFailures, nextDue)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET url = excluded.url, fetchURL = excluded.fetchURL, etag = excluded.etag, lastModified = excluded.lastModified,
              bodyHash = excluded.bodyHash, lastFetch = excluded.lastFetch, result = excluded.result,
              httpStatus = excluded.httpStatus, error = excluded.error,
              consecutiveFailures = excluded.consecutiveFailures, nextDue = excluded.nextDue
            """,
            arguments: [state.id, state.url, state.fetchURL, state.etag, state.lastModified, state.bodyHash, state.lastFetch,
                        state.result.rawValue, state.httpStatus, state.error, state.consecutiveFailures, state.nextDue])
    }

    static func feedState(_ row: Row) -> FeedState {
        FeedState(
            id: row["id"], url: row["url"], fetchURL: row["fetchURL"], etag: row["etag"], lastModified: row["lastModified"],
            bodyHash: row["bodyHash"], lastFetch: row["lastFetch"],
            result: FeedState.Result(rawValue: row["result"] ?? "") ?? .pending, httpStatus: row["httpStatus"],
            error: row["error"], consecutiveFailures: row["consecutiveFailures"] ?? 0, nextDue: row["nextDue"])
    }

    // MARK: Items

    /// The last stored version of an item, or nil for an item never seen.
    public func storedItem(feedID: String, identity: String) async throws(StoreError) -> StoredItem? {
        try await read { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT id, contentHash FROM item WHERE feedID = ? AND identity = ?", arguments: [feedID, identity])
            else { return nil }
            let itemID: Int64 = row["id"]
            var states: [String: StatementState] = [:]
            for state in try Row.fetchAll(db, sql: "SELECT * FROM statementState WHERE itemID = ?", arguments: [itemID]) {
                let values = (state["numericValues"] as String?).flatMap { try? JSONDecoder().decode([NumericValue].self, from: Data($0.utf8)) } ?? []
                let id: String = state["statementID"]
                let history = (state["history"] as String?).flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
                states[id] = StatementState(
                    statementID: id, quote: state["quote"], speaker: state["speaker"], score: state["score"],
                    tier: StatementMatch.Tier(rawValue: state["tier"]) ?? .fuzzy, values: values, history: history)
            }
            return StoredItem(contentHash: row["contentHash"], states: states)
        }
    }

    /// Records that an unchanged item was seen again.
    public func touch(feedID: String, identity: String, seen: Date) async throws(StoreError) {
        try await write { db in
            try db.execute(sql: "UPDATE item SET lastSeen = ? WHERE feedID = ? AND identity = ?", arguments: [seen, feedID, identity])
        }
    }

    /// Writes a new item version, its quotes, its statement states and its events in one transaction.
    /// - Returns: the events as stored, with their ids, in order.
    public func commit(_ version: ItemVersion) async throws(StoreError) -> [ChangeEvent] {
        try await write { db in
            try db.execute(sql: """
                INSERT INTO item (feedID, identity, link, title, published, contentHash, firstSeen, lastSeen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(feedID, identity) DO UPDATE SET link = excluded.link, title = excluded.title,
                  published = excluded.published, contentHash = excluded.contentHash, lastSeen = excluded.lastSeen
                """,
                arguments: [version.feedID, version.identity, version.link, version.title, version.published,
                            version.contentHash, version.seen, version.seen])
            guard let itemID = try Int64.fetchOne(
                db, sql: "SELECT id FROM item WHERE feedID = ? AND identity = ?", arguments: [version.feedID, version.identity])
            else { throw StoreError(kind: .incompatible, path: "", message: "item row vanished inside its transaction") }
            try db.execute(sql: "DELETE FROM quote WHERE itemID = ?", arguments: [itemID])
            for (position, quote) in version.quotes.enumerated() {
                try db.execute(sql: """
                    INSERT INTO quote (itemID, position, text, speaker, source, start, "end", kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [itemID, position, quote.text, quote.speaker, quote.source, quote.start, quote.end, quote.kind.rawValue])
            }
            try db.execute(sql: "DELETE FROM statementState WHERE itemID = ?", arguments: [itemID])
            for state in version.states.values.sorted(by: { $0.statementID < $1.statementID }) {
                let values = String(decoding: try JSONEncoder().encode(state.values), as: UTF8.self)
                let history = String(decoding: try JSONEncoder().encode(state.history), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO statementState (itemID, statementID, quote, speaker, score, tier, numericValues, history)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    arguments: [itemID, state.statementID, state.quote, state.speaker, state.score, state.tier.rawValue, values, history])
            }
            for event in version.events where event.type == .quoteNew {
                guard let statement = event.statement, let quote = event.quote else { continue }
                try db.execute(sql: """
                    INSERT OR IGNORE INTO firstAppearance (statementID, feed, item, url, quote, time) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [statement, event.feed, version.identity, event.url, quote, event.time])
            }
            return try version.events.map { try Store.insert($0, db) }
        }
    }

    // MARK: First appearances

    /// Where each of these statements was first quoted (across all feeds), by statement id.
    public func firstAppearances(of statementIDs: [String]) async throws(StoreError) -> [String: FirstAppearance] {
        guard !statementIDs.isEmpty else { return [:] }
        return try await read { db in
            let marks = statementIDs.map { _ in "?" }.joined(separator: ", ")
            var found: [String: FirstAppearance] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM firstAppearance WHERE statementID IN (\(marks))", arguments: StatementArguments(statementIDs)) {
                let appearance = FirstAppearance(
                    statementID: row["statementID"], feed: row["feed"], item: row["item"], url: row["url"], quote: row["quote"], time: row["time"])
                found[appearance.statementID] = appearance
            }
            return found
        }
    }

    // MARK: Events

    static func insert(_ event: ChangeEvent, _ db: Database) throws -> ChangeEvent {
        func json(_ values: [String]?) throws -> String? {
            try values.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        }
        try db.execute(sql: """
            INSERT INTO event (time, type, statement, feed, item, url, title, speaker, quote, previous, score, tier, oldValues, newValues, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [event.time, event.type.rawValue, event.statement, event.feed, event.item, event.url, event.title,
                        event.speaker, event.quote, event.previous, event.score, event.tier?.rawValue, try json(event.oldValues),
                        try json(event.newValues), event.detail])
        var stored = event
        stored.id = db.lastInsertedRowID
        return stored
    }

    static func event(_ row: Row) -> ChangeEvent? {
        func list(_ column: String) -> [String]? {
            (row[column] as String?).flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) }
        }
        guard let type = EventType(rawValue: row["type"]) else { return nil }
        return ChangeEvent(
            id: row["id"], time: row["time"], type: type, statement: row["statement"], feed: row["feed"],
            item: row["item"], url: row["url"], title: row["title"], speaker: row["speaker"], quote: row["quote"],
            previous: row["previous"], score: row["score"], tier: (row["tier"] as String?).flatMap(StatementMatch.Tier.init(rawValue:)),
            oldValues: list("oldValues"), newValues: list("newValues"),
            detail: row["detail"])
    }

    /// Events in id order, filtered by the query.
    public func events(_ query: EventQuery = EventQuery()) async throws(StoreError) -> [ChangeEvent] {
        try await read { db in
            var clauses: [String] = []
            var arguments: StatementArguments = []
            if let after = query.afterID {
                clauses.append("id > ?")
                arguments += [after]
            }
            if !query.types.isEmpty {
                clauses.append("type IN (" + query.types.map { _ in "?" }.joined(separator: ", ") + ")")
                for type in query.types.sorted(by: { $0.rawValue < $1.rawValue }) { arguments += [type.rawValue] }
            }
            if let statement = query.statement {
                clauses.append("statement = ?")
                arguments += [statement]
            }
            var sql = "SELECT * FROM event"
            if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
            sql += " ORDER BY id"
            if let limit = query.limit { sql += " LIMIT \(limit)" }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap(Store.event)
        }
    }

    /// Events committed but not yet logged (the daemon stopped between the two), in id order.
    public func unloggedEvents() async throws(StoreError) -> [ChangeEvent] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM event WHERE logged = 0 ORDER BY id").compactMap(Store.event)
        }
    }

    /// Records that these events have been logged.
    public func markLogged(_ ids: [Int64]) async throws(StoreError) {
        guard !ids.isEmpty else { return }
        try await write { db in
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
                try db.execute(
                    sql: "UPDATE event SET logged = 1 WHERE id IN (" + part.map { _ in "?" }.joined(separator: ", ") + ")",
                    arguments: StatementArguments(part))
            }
        }
    }

    // MARK: Quotes

    /// Stored quotes, optionally of one speaker (case-insensitive), with their item's feed and link.
    public func quotes(speaker: String? = nil, statement: String? = nil) async throws(StoreError) -> [StoredQuote] {
        try await read { db in
            var sql = """
                SELECT quote.*, item.feedID, item.identity, item.link, item.title FROM quote JOIN item ON item.id = quote.itemID
                WHERE quote.kind = 'speech'
                """
            var arguments: StatementArguments = []
            if let speaker {
                sql += " AND quote.speaker = ? COLLATE NOCASE"
                arguments += [speaker]
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
                                 end: row["end"], kind: Quote.Kind(rawValue: row["kind"]) ?? .speech))
            }
        }
    }
}
