import Foundation
import GRDB
import QuoteCore

/// A row of `itemVersion`: one ``ItemVersion`` of an item, kept as evidence.
struct ItemVersionRecord: Codable, FetchableRecord, MutablePersistableRecord, PlainJSONColumns {
    static let databaseTableName = "itemVersion"

    var id: Int64?
    var itemID: Int64
    var time: Date
    /// The raw value of a ``TextSource``; one this build does not know reads as content.
    var source: String
    var url: String?
    var etag: String?
    var lastModified: String?
    var bodyHash: String
    var textHash: String
    var text: String
    /// Stored as JSON.
    var quotes: [Quote]
    var complete: Bool

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let itemID = Column(CodingKeys.itemID)
    }

    /// A new row for `version` (the store assigns its id).
    init(itemID: Int64, _ version: ItemVersion) {
        self.itemID = itemID
        time = version.time
        source = version.source.rawValue
        url = version.url
        etag = version.etag
        lastModified = version.lastModified
        bodyHash = version.bodyHash
        textHash = version.textHash
        text = version.text
        quotes = version.quotes
        complete = version.complete
    }

    var version: ItemVersion {
        ItemVersion(
            id: id, time: time, source: TextSource(rawValue: source) ?? .content, url: url, etag: etag, lastModified: lastModified,
            bodyHash: bodyHash, textHash: textHash, text: text, quotes: quotes, complete: complete)
    }

    /// The latest version of each of these items that has one, by item id.
    static func latest(ofItems itemIDs: [Int64], _ db: Database) throws -> [Int64: ItemVersionRecord] {
        guard !itemIDs.isEmpty else { return [:] }
        let latestIDs = ItemVersionRecord.select { max($0.id) }.filter { itemIDs.contains($0.itemID) }.group(\.itemID)
        var found: [Int64: ItemVersionRecord] = [:]
        for record in try ItemVersionRecord.filter(latestIDs.contains(Columns.id)).fetchAll(db) {
            found[record.itemID] = record
        }
        return found
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ItemVersionRecord {
    /// The columns written by hand: GRDB's Codable encoding cost more than the insert itself in the
    /// cycle's commits (its encoder, container and SQL per row). JSON columns are written as the
    /// Codable path wrote them: Foundation's default JSONEncoder's text (``StoreJSON``).
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["itemID"] = itemID
        container["time"] = StoreDate.text(time)
        container["source"] = source
        container["url"] = url
        container["etag"] = etag
        container["lastModified"] = lastModified
        container["bodyHash"] = bodyHash
        container["textHash"] = textHash
        container["text"] = text
        container["quotes"] = StoreJSON.quotes(quotes)
        container["complete"] = complete
    }
}

extension ItemVersionRecord {
    /// Inserts the version as ``encode(to:)`` writes it, and sets `id`, with a statement each
    /// connection compiles once (the record's `insert` builds its SQL and arguments anew per call).
    mutating func insertCached(_ db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO "itemVersion" ("itemID", "time", "source", "url", "etag", "lastModified", "bodyHash", "textHash", "text", \
            "quotes", "complete") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [
            itemID, StoreDate.text(time), source, url, etag, lastModified, bodyHash, textHash, text, StoreJSON.quotes(quotes), complete,
        ])
        id = db.lastInsertedRowID
    }
}
