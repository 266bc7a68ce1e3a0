import Foundation
import GRDB

/// What each tracked statement was when the stored items were last matched against it, so that a
/// statement added or changed (by a reload, or between two runs) is matched against them at once.
extension SQLiteStore {
    /// Statement id → fingerprint, as last recorded.
    public func statementFingerprints() async throws(StoreError) -> [String: String] {
        try await read { db in
            Dictionary(try StatementRecord.fetchAll(db).map { ($0.id, $0.fingerprint) }, uniquingKeysWith: { $1 })
        }
    }

    /// Records the statements as now configured; the states of statements no longer configured are
    /// dropped with them (re-adding one later starts it afresh).
    public func recordStatements(_ fingerprints: [String: String]) async throws(StoreError) {
        try await write { db in
            let dropped = try StatementRecord.selectPrimaryKey(as: String.self).fetchAll(db).filter { fingerprints[$0] == nil }
            for chunk in stride(from: 0, to: dropped.count, by: 500) {
                let part = dropped[chunk..<min(dropped.count, chunk + 500)]
                try StatementRecord.deleteAll(db, keys: part)
                try StatementStateRecord.filter { part.contains($0.statementID) }.deleteAll(db)
            }
            for (id, fingerprint) in fingerprints.sorted(by: { $0.key < $1.key }) {
                try StatementRecord(id: id, fingerprint: fingerprint).save(db)
            }
        }
    }
}
