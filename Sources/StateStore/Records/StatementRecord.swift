import GRDB

/// A row of `statement`: a tracked statement's fingerprint when the stored items were last matched
/// against it.
struct StatementRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "statement"

    var id: String
    var fingerprint: String

    enum Columns {
        static let id = Column(CodingKeys.id)
    }
}
