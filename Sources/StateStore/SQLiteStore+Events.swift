import Foundation
import GRDB
public import QuoteCore

/// The event log and the first appearances of the statements.
extension SQLiteStore {
    /// Where each of these statements was first quoted (across all feeds), by statement id.
    static func firstAppearances(of statementIDs: [String], _ db: Database) throws -> [String: FirstAppearance] {
        guard !statementIDs.isEmpty else { return [:] }
        var found: [String: FirstAppearance] = [:]
        for record in try FirstAppearanceRecord.fetchAll(db, keys: statementIDs) {
            found[record.statementID] = record.appearance
        }
        return found
    }

    /// Writes an event and queues its deliveries to `hooks`, in the caller's transaction.
    static func insert(_ event: ChangeEvent, hooks: [HookConfig], _ db: Database) throws -> ChangeEvent {
        var record = EventRecord(event)
        try record.insert(db)
        var stored = event
        stored.id = record.id
        try SQLiteStore.enqueue(stored, hooks: hooks, db)
        return stored
    }

    /// Events in id order, filtered by the query.
    public func events(_ query: EventQuery = EventQuery()) async throws(StoreError) -> [ChangeEvent] {
        try await read { db in
            var request = query.newestFirst ? EventRecord.order(\.id.desc) : EventRecord.order(\.id)
            if let after = query.afterID {
                request = request.filter { $0.id > after }
            }
            if !query.types.isEmpty {
                let types = query.types.map(\.rawValue).sorted()
                request = request.filter { types.contains($0.type) }
            }
            if let statement = query.statement {
                request = request.filter { $0.statement == statement }
            }
            if let item = query.item {
                request = request.filter { $0.item == item }
            }
            if let limit = query.limit {
                request = request.limit(limit)
            }
            return try request.fetchAll(db).compactMap(\.event)
        }
    }

    /// Per statement id: how many events it has, in how many items, and its latest event.
    public func statementSummaries() async throws(StoreError) -> [String: StatementSummary] {
        try await read { db in
            var found: [String: StatementSummary] = [:]
            let counts = try Row.fetchAll(db, sql: """
                SELECT statement, COUNT(*) AS events, COUNT(DISTINCT feed || char(1) || item) AS items, MAX(id) AS latest
                FROM event WHERE statement IS NOT NULL GROUP BY statement
                """)
            var latestIDs: [Int64] = []
            for row in counts {
                let statement: String = row["statement"]
                found[statement] = StatementSummary(events: row["events"], items: row["items"], latest: nil)
                latestIDs.append(row["latest"])
            }
            for record in try EventRecord.fetchAll(db, keys: latestIDs) {
                if let statement = record.statement { found[statement]?.latest = record.event }
            }
            return found
        }
    }

    /// Events committed but not yet logged (the daemon stopped between the two), in id order.
    public func unloggedEvents() async throws(StoreError) -> [ChangeEvent] {
        try await read { db in
            try EventRecord.filter { $0.logged == false }.order(\.id).fetchAll(db).compactMap(\.event)
        }
    }

    /// Records that these events have been logged.
    public func markLogged(_ ids: [Int64]) async throws(StoreError) {
        guard !ids.isEmpty else { return }
        try await write { db in
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = ids[chunk..<min(ids.count, chunk + 500)]
                try EventRecord.filter(keys: part).updateAll(db) { $0.logged.set(to: true) }
            }
        }
    }
}
