import Foundation
import GRDB

/// A row of `hookState`: how one hook's deliveries have gone.
struct HookStateRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "hookState"

    var id: String
    var failingSince: Date?
    var lastError: String?
    var lastDelivered: Date?
    var delivered: Int

    enum Columns {
        static let id = Column(CodingKeys.id)
    }
}
