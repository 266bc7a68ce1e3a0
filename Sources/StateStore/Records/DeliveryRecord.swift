import Foundation
import GRDB

/// A row of `delivery`: one event queued for one hook, until it is delivered (then the row goes).
struct DeliveryRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "delivery"

    var id: Int64?
    var hook: String
    var eventID: Int64
    var attempts: Int
    var nextTry: Date
    var lastError: String?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let hook = Column(CodingKeys.hook)
        static let eventID = Column(CodingKeys.eventID)
        static let nextTry = Column(CodingKeys.nextTry)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
