public import Foundation
import PostgresNIO
import QuoteCore
public import StateStore

/// The hooks' delivery queue, leased like the feeds: each hook's next delivery goes to one
/// instance at a time, so that it is delivered once (DESIGN §7, §9).
extension PostgresStore {
    /// The hook's next delivery in event order, leased to this instance; nil when its queue is
    /// empty or another instance holds its head.
    public func nextDelivery(hook: String) async throws(StoreError) -> PendingDelivery? {
        let now = Date()
        let until = now.addingTimeInterval(Self.leaseDuration)
        return try await write { connection in
            var found: (Int64, Int64, Int, Date, String?)?
            // The head of the queue only (deliveries go out in event order): locked, or skipped when another holds it.
            let rows = try await connection.query("""
                WITH head AS (SELECT id FROM delivery WHERE hook = \(hook) ORDER BY event_id LIMIT 1 FOR UPDATE SKIP LOCKED)
                UPDATE delivery d SET lease_owner = \(instance), lease_until = \(until) FROM head
                WHERE d.id = head.id AND (d.lease_owner IS NULL OR d.lease_owner = \(instance) OR d.lease_until < \(now))
                RETURNING d.id, d.event_id, d.attempts, d.next_try, d.last_error
                """, logger: logger)
            for try await row in rows.decode((Int64, Int64, Int, Date, String?).self) { found = row }
            guard let (id, eventID, attempts, nextTry, lastError) = found else { return nil }
            for try await row in try await connection.query(
                "SELECT \(unescaped: Self.eventColumns) FROM event WHERE id = \(eventID)", logger: logger)
            {
                guard let event = try Self.event(row) else { return nil }
                return PendingDelivery(id: id, hook: hook, event: event, attempts: attempts, nextTry: nextTry, lastError: lastError)
            }
            return nil
        }
    }

    public func recordDelivered(_ delivery: PendingDelivery, at time: Date) async throws(StoreError) {
        try await write { connection in
            try await connection.run("DELETE FROM delivery WHERE id = \(delivery.id)", logger: logger)
            try await connection.run("""
                INSERT INTO hook_state (id, last_delivered, delivered) VALUES (\(delivery.hook), \(time), 1)
                ON CONFLICT (id) DO UPDATE SET failing_since = NULL, last_error = NULL, last_delivered = EXCLUDED.last_delivered,
                  delivered = hook_state.delivered + 1
                """, logger: logger)
        }
    }

    public func recordFailure(_ delivery: PendingDelivery, error: String, nextTry: Date, at time: Date) async throws(StoreError) {
        try await write { connection in
            try await connection.run("""
                UPDATE delivery SET attempts = attempts + 1, next_try = \(nextTry), last_error = \(error), lease_owner = NULL, lease_until = NULL
                WHERE id = \(delivery.id)
                """, logger: logger)
            try await connection.run("""
                INSERT INTO hook_state (id, failing_since, last_error) VALUES (\(delivery.hook), \(time), \(error))
                ON CONFLICT (id) DO UPDATE SET failing_since = COALESCE(hook_state.failing_since, EXCLUDED.failing_since),
                  last_error = EXCLUDED.last_error
                """, logger: logger)
        }
    }

    public func dropDeliveries(keepingHooks hooks: Set<String>) async throws(StoreError) {
        let ids = Array(hooks)
        try await write { connection in
            try await connection.run("DELETE FROM delivery WHERE NOT (hook = ANY(\(ids)))", logger: logger)
            try await connection.run("DELETE FROM hook_state WHERE NOT (id = ANY(\(ids)))", logger: logger)
        }
    }

    public func hookStates() async throws(StoreError) -> [HookState] {
        try await read { connection in
            var states: [String: HookState] = [:]
            let rows = try await connection.query("SELECT id, failing_since, last_error, last_delivered, delivered FROM hook_state", logger: logger)
            for try await (id, since, error, last, delivered) in rows.decode((String, Date?, String?, Date?, Int).self) {
                states[id] = HookState(id: id, failingSince: since, lastError: error, lastDelivered: last, delivered: delivered)
            }
            let pending = try await connection.query("SELECT hook, count(*), min(next_try) FROM delivery GROUP BY hook", logger: logger)
            for try await (id, count, next) in pending.decode((String, Int, Date).self) {
                var state = states[id] ?? HookState(id: id)
                state.pending = count
                state.nextTry = next
                states[id] = state
            }
            return states.values.sorted { $0.id < $1.id }
        }
    }
}
