import Foundation
import GRDB

/// What each tracked statement was when the stored items were last matched against it, so that a
/// statement added or changed (by a reload, or between two runs) is matched against them at once.
extension Store {
    /// Statement id → fingerprint, as last recorded.
    public func statementFingerprints() async throws(StoreError) -> [String: String] {
        try await read { db in
            var found: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, fingerprint FROM statement") { found[row["id"]] = row["fingerprint"] }
            return found
        }
    }

    /// Records the statements as now configured; the states of statements no longer configured are
    /// dropped with them (re-adding one later starts it afresh).
    public func recordStatements(_ fingerprints: [String: String]) async throws(StoreError) {
        try await write { db in
            let known = try String.fetchAll(db, sql: "SELECT id FROM statement")
            for id in known where fingerprints[id] == nil {
                try db.execute(sql: "DELETE FROM statement WHERE id = ?", arguments: [id])
                try db.execute(sql: "DELETE FROM statementState WHERE statementID = ?", arguments: [id])
            }
            for (id, fingerprint) in fingerprints.sorted(by: { $0.key < $1.key }) {
                try db.execute(
                    sql: "INSERT INTO statement (id, fingerprint) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint",
                    arguments: [id, fingerprint])
            }
        }
    }
}
