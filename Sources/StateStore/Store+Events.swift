import Foundation
import GRDB
public import QuoteCore

/// The event log and the first appearances of the statements.
extension Store {
    /// Where each of these statements was first quoted (across all feeds), by statement id.
    static func firstAppearances(of statementIDs: [String], _ db: Database) throws -> [String: FirstAppearance] {
        guard !statementIDs.isEmpty else { return [:] }
        let marks = statementIDs.map { _ in "?" }.joined(separator: ", ")
        var found: [String: FirstAppearance] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM firstAppearance WHERE statementID IN (\(marks))", arguments: StatementArguments(statementIDs)) {
            let appearance = FirstAppearance(
                statementID: row["statementID"], feed: row["feed"], item: row["item"], url: row["url"], quote: row["quote"], time: row["time"])
            found[appearance.statementID] = appearance
        }
        return found
    }

    /// Writes an event and queues its deliveries to `hooks`, in the caller's transaction.
    static func insert(_ event: ChangeEvent, hooks: [HookConfig], _ db: Database) throws -> ChangeEvent {
        try db.execute(sql: """
            INSERT INTO event (time, type, statement, feed, item, url, title, speaker, quote, previous, score, tier, oldValues, newValues,
              detail, reversed, first)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [event.time, event.type.rawValue, event.statement, event.feed, event.item, event.url, event.title,
                        event.speaker, event.quote, event.previous, event.score, event.tier?.rawValue,
                        try event.oldValues.map(Store.encode), try event.newValues.map(Store.encode), event.detail, event.reversed,
                        try event.first.map(Store.encode)])
        var stored = event
        stored.id = db.lastInsertedRowID
        try Store.enqueue(stored, hooks: hooks, db)
        return stored
    }

    static func event(_ row: Row) -> ChangeEvent? {
        guard let type = EventType(rawValue: row["type"]) else { return nil }
        return ChangeEvent(
            id: row["id"], time: row["time"], type: type, statement: row["statement"], feed: row["feed"],
            item: row["item"], url: row["url"], title: row["title"], speaker: row["speaker"], quote: row["quote"],
            previous: row["previous"], score: row["score"], tier: (row["tier"] as String?).flatMap(StatementMatch.Tier.init(rawValue:)),
            oldValues: Store.decode([String].self, row["oldValues"]), newValues: Store.decode([String].self, row["newValues"]),
            detail: row["detail"], reversed: row["reversed"] ?? false, first: Store.decode(FirstAppearance.self, row["first"]))
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
}
