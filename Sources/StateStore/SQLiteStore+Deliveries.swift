import Foundation
import GRDB
public import QuoteCore

/// The hooks' delivery queue (DESIGN §9): a row per event and hook, written in the transaction
/// that writes the event, removed once delivered.
extension SQLiteStore {
    /// Queues `event` (stored, with its id) for each hook whose filters it passes, in the event's
    /// transaction.
    static func enqueue(_ event: ChangeEvent, hooks: [HookConfig], _ db: Database) throws {
        guard let id = event.id else { return }
        for hook in hooks where hook.accepts(event) {
            var record = DeliveryRecord(id: nil, hook: hook.id, eventID: id, attempts: 0, nextTry: event.time, lastError: nil)
            try record.insert(db)
        }
    }

    /// The hook's next delivery in event order (due or not), nil when its queue is empty.
    public func nextDelivery(hook: String) async throws(StoreError) -> PendingDelivery? {
        try await read { db in
            let found = try DeliveryRecord.filter(DeliveryRecord.Columns.hook == hook)
                .order(DeliveryRecord.Columns.eventID).limit(1).fetchOne(db)
            // An event this build cannot read (an unknown type) is skipped, not sent half-read.
            guard let found, let id = found.id, let event = try SQLiteStore.storedEvent(id: found.eventID, db) else { return nil }
            return PendingDelivery(id: id, hook: found.hook, event: event, attempts: found.attempts, nextTry: found.nextTry, lastError: found.lastError)
        }
    }

    /// Removes a delivered delivery and notes the hook's success.
    public func recordDelivered(_ delivery: PendingDelivery, at time: Date) async throws(StoreError) {
        try await write { db in
            _ = try DeliveryRecord.deleteOne(db, key: delivery.id)
            var state = try HookStateRecord.fetchOne(db, key: delivery.hook)
                ?? HookStateRecord(id: delivery.hook, failingSince: nil, lastError: nil, lastDelivered: nil, delivered: 0)
            state.failingSince = nil
            state.lastError = nil
            state.lastDelivered = time
            state.delivered += 1
            try state.save(db)
        }
    }

    /// Notes a failed try: the delivery waits until `nextTry`, and the hook is failing since its
    /// first failure.
    public func recordFailure(_ delivery: PendingDelivery, error: String, nextTry: Date, at time: Date) async throws(StoreError) {
        try await write { db in
            if var record = try DeliveryRecord.fetchOne(db, key: delivery.id) {
                record.attempts += 1
                record.nextTry = nextTry
                record.lastError = error
                try record.update(db)
            }
            var state = try HookStateRecord.fetchOne(db, key: delivery.hook)
                ?? HookStateRecord(id: delivery.hook, failingSince: nil, lastError: nil, lastDelivered: nil, delivered: 0)
            state.failingSince = state.failingSince ?? time
            state.lastError = error
            try state.save(db)
        }
    }

    /// Drops the queues and states of hooks no longer configured.
    public func dropDeliveries(keepingHooks hooks: Set<String>) async throws(StoreError) {
        try await write { db in
            let ids = Array(hooks)
            try DeliveryRecord.filter(!ids.contains(DeliveryRecord.Columns.hook)).deleteAll(db)
            try HookStateRecord.filter(!ids.contains(HookStateRecord.Columns.id)).deleteAll(db)
        }
    }

    /// Each hook with a queue or a history, by id.
    public func hookStates() async throws(StoreError) -> [HookState] {
        try await read { db in
            var states: [String: HookState] = [:]
            for record in try HookStateRecord.fetchAll(db) {
                states[record.id] = HookState(
                    id: record.id, failingSince: record.failingSince, lastError: record.lastError, lastDelivered: record.lastDelivered,
                    delivered: record.delivered)
            }
            // One aggregate row per hook: how many wait, and when the first of them is tried.
            let rows = try Row.fetchAll(db, sql: "SELECT hook, COUNT(*) AS pending, MIN(nextTry) AS nextTry FROM delivery GROUP BY hook")
            for row in rows {
                let id: String = row["hook"]
                var state = states[id] ?? HookState(id: id)
                state.pending = row["pending"]
                state.nextTry = row["nextTry"]
                states[id] = state
            }
            return states.values.sorted { $0.id < $1.id }
        }
    }

    /// One stored event by id; nil when missing or of a type this build does not know.
    static func storedEvent(id: Int64, _ db: Database) throws -> ChangeEvent? {
        try EventRecord.fetchOne(db, key: id)?.event
    }
}
