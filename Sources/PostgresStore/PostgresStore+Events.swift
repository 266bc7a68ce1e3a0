import Foundation
import PostgresNIO
public import QuoteCore
public import StateStore

/// The event log: one sequence for every instance; each event logged by the instance that
/// committed it.
extension PostgresStore {
    static let eventColumns = """
        id, time, type, statement, feed, item, url, title, speaker, quote, previous, score, tier, old_values, new_values, detail, reversed, first
        """

    /// The event of a row, nil for a type this build does not know.
    static func event(_ row: PostgresRow) throws -> ChangeEvent? {
        let c = row.makeRandomAccess()
        guard let type = EventType(rawValue: try c[2].decode(String.self)) else { return nil }
        return ChangeEvent(
            id: try c[0].decode(Int64.self), time: try c[1].decode(Date.self), type: type, statement: try c[3].decode(String?.self),
            feed: try c[4].decode(String.self), item: try c[5].decode(String?.self), url: try c[6].decode(String?.self),
            title: try c[7].decode(String?.self), speaker: try c[8].decode(String?.self), quote: try c[9].decode(String?.self),
            previous: try c[10].decode(String?.self), score: try c[11].decode(Double?.self),
            tier: try c[12].decode(String?.self).flatMap(StatementMatch.Tier.init(rawValue:)),
            oldValues: value([String].self, json: try c[13].decode(String?.self)), newValues: value([String].self, json: try c[14].decode(String?.self)),
            detail: try c[15].decode(String?.self), reversed: try c[16].decode(Bool.self), first: value(FirstAppearance.self, json: try c[17].decode(String?.self)))
    }

    /// Writes an event, committed by this instance, and queues its deliveries, in the caller's transaction.
    func insert(_ event: ChangeEvent, hooks: [HookConfig], _ connection: PostgresConnection) async throws -> ChangeEvent {
        let oldValues = try event.oldValues.map(Self.json), newValues = try event.newValues.map(Self.json), first = try event.first.map(Self.json)
        var stored = event
        for try await id in try await connection.query("""
            INSERT INTO event (time, type, statement, feed, item, url, title, speaker, quote, previous, score, tier, old_values, new_values,
              detail, reversed, first, instance)
            VALUES (\(event.time), \(event.type.rawValue), \(event.statement), \(event.feed), \(event.item), \(event.url), \(event.title),
              \(event.speaker), \(event.quote), \(event.previous), \(event.score), \(event.tier?.rawValue), \(oldValues), \(newValues),
              \(event.detail), \(event.reversed), \(first), \(instance))
            RETURNING id
            """, logger: logger).decode(Int64.self)
        {
            stored.id = id
        }
        guard let id = stored.id else { return stored }
        for hook in hooks where hook.accepts(stored) {
            try await connection.run(
                "INSERT INTO delivery (hook, event_id, next_try) VALUES (\(hook.id), \(id), \(event.time))", logger: logger)
        }
        return stored
    }

    public func events(_ query: EventQuery = EventQuery()) async throws(StoreError) -> [ChangeEvent] {
        let types = query.types.isEmpty ? nil : query.types.map(\.rawValue).sorted()
        return try await read { connection in
            var events: [ChangeEvent] = []
            let rows = try await connection.query("""
                SELECT \(unescaped: Self.eventColumns) FROM event
                WHERE (\(query.afterID)::bigint IS NULL OR id > \(query.afterID)) AND (\(types)::text[] IS NULL OR type = ANY(\(types)))
                  AND (\(query.statement)::text IS NULL OR statement = \(query.statement)) AND (\(query.item)::text IS NULL OR item = \(query.item))
                ORDER BY id \(unescaped: query.newestFirst ? "DESC" : "ASC") LIMIT \(query.limit.map(Int64.init))
                """, logger: logger)
            for try await row in rows {
                if let event = try Self.event(row) { events.append(event) }
            }
            return events
        }
    }

    public func statementSummaries() async throws(StoreError) -> [String: StatementSummary] {
        try await read { connection in
            var found: [String: StatementSummary] = [:]
            var latest: [Int64] = []
            let rows = try await connection.query("""
                SELECT statement, count(*), count(DISTINCT feed || chr(1) || coalesce(item, '')), max(id) FROM event
                WHERE statement IS NOT NULL GROUP BY statement
                """, logger: logger)
            for try await (statement, events, items, last) in rows.decode((String, Int, Int, Int64).self) {
                found[statement] = StatementSummary(events: events, items: items, latest: nil)
                latest.append(last)
            }
            for try await row in try await connection.query(
                "SELECT \(unescaped: Self.eventColumns) FROM event WHERE id = ANY(\(latest))", logger: logger)
            {
                if let event = try Self.event(row), let statement = event.statement { found[statement]?.latest = event }
            }
            return found
        }
    }

    /// Events this instance committed but did not log (it stopped between the two), in id order.
    public func unloggedEvents() async throws(StoreError) -> [ChangeEvent] {
        try await read { connection in
            var events: [ChangeEvent] = []
            for try await row in try await connection.query(
                "SELECT \(unescaped: Self.eventColumns) FROM event WHERE NOT logged AND instance = \(instance) ORDER BY id", logger: logger)
            {
                if let event = try Self.event(row) { events.append(event) }
            }
            return events
        }
    }

    public func markLogged(_ ids: [Int64]) async throws(StoreError) {
        guard !ids.isEmpty else { return }
        try await write { connection in
            try await connection.run("UPDATE event SET logged = true WHERE id = ANY(\(ids))", logger: logger)
        }
    }

    public func statementFingerprints() async throws(StoreError) -> [String: String] {
        try await read { connection in
            var found: [String: String] = [:]
            for try await (id, fingerprint) in try await connection.query("SELECT id, fingerprint FROM statement", logger: logger).decode((String, String).self) {
                found[id] = fingerprint
            }
            return found
        }
    }

    public func recordStatements(_ fingerprints: [String: String]) async throws(StoreError) {
        let ids = fingerprints.keys.sorted()
        let prints = ids.map { fingerprints[$0]! }
        try await write { connection in
            try await connection.run("DELETE FROM statement_state WHERE statement_id IN (SELECT id FROM statement WHERE NOT (id = ANY(\(ids))))", logger: logger)
            try await connection.run("DELETE FROM statement WHERE NOT (id = ANY(\(ids)))", logger: logger)
            try await connection.run("""
                INSERT INTO statement (id, fingerprint) SELECT * FROM unnest(\(ids)::text[], \(prints)::text[])
                ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint
                """, logger: logger)
        }
    }
}
