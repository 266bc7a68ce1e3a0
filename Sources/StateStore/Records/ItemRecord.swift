import Foundation
import GRDB

/// A row of `item` as its feed gives it: which item it is, what the feed says of it, when it was
/// seen, and whether it is still in its feed. The same row's linked-page columns are
/// ``ItemPageRecord``'s, so a reading of the feed never writes them and a page read writes nothing
/// else.
struct ItemRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "item"
    static let versions = hasMany(ItemVersionRecord.self)

    var id: Int64?
    var feedID: String
    var identity: String
    var link: String?
    var title: String?
    var published: Date?
    var contentHash: String
    var firstSeen: Date
    var lastSeen: Date
    /// In the latest read of its feed.
    var inFeed: Bool

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let feedID = Column(CodingKeys.feedID)
        static let identity = Column(CodingKeys.identity)
        static let link = Column(CodingKeys.link)
        static let title = Column(CodingKeys.title)
        static let published = Column(CodingKeys.published)
        static let contentHash = Column(CodingKeys.contentHash)
        static let firstSeen = Column(CodingKeys.firstSeen)
        static let lastSeen = Column(CodingKeys.lastSeen)
        static let inFeed = Column(CodingKeys.inFeed)
    }

    /// The item as a reading of its feed at `seen` gives it, in its feed.
    init(_ place: ItemPlace, seen: Date) {
        feedID = place.feedID
        identity = place.identity
        link = place.link
        title = place.title
        published = place.published
        contentHash = place.contentHash
        firstSeen = seen
        lastSeen = seen
        inFeed = true
    }

    /// Inserts the item, or updates the one stored under its feed and identity (keeping when it was
    /// first seen), and sets `id`. Not GRDB's upsert: it appends a RETURNING clause, which needs
    /// SQLite 3.35, newer than what Ubuntu 20.04 and RHEL 9 ship (the ON CONFLICT clause this
    /// replaced needed 3.24). A later reading updates all but the first sighting. The columns as
    /// ``encode(to:)`` writes them, with statements each connection compiles once: the query
    /// interface and the record's persistence build their SQL and arguments anew per call, which
    /// cost more than the statements.
    mutating func saveKeepingFirstSeen(_ db: Database) throws {
        let select = try db.cachedStatement(sql: #"SELECT "id" FROM "item" WHERE "feedID" = ? AND "identity" = ? LIMIT 1"#)
        let published = published.map(StoreDate.text), lastSeen = StoreDate.text(lastSeen)
        if let storedID = try Int64.fetchOne(select, arguments: [feedID, identity]) {
            id = storedID
            let update = try db.cachedStatement(sql: """
                UPDATE "item" SET "link" = ?, "title" = ?, "published" = ?, "contentHash" = ?, "lastSeen" = ?, "inFeed" = ? WHERE "id" = ?
                """)
            try update.execute(arguments: [link, title, published, contentHash, lastSeen, inFeed, storedID])
        } else {
            let insert = try db.cachedStatement(sql: """
                INSERT INTO "item" ("feedID", "identity", "link", "title", "published", "contentHash", "firstSeen", "lastSeen", "inFeed") \
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            try insert.execute(arguments: [feedID, identity, link, title, published, contentHash, StoreDate.text(firstSeen), lastSeen, inFeed])
            id = db.lastInsertedRowID
        }
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ItemRecord {
    /// The columns written by hand: GRDB's Codable encoding cost more than the insert itself in the
    /// cycle's commits (its encoder, container and SQL per row). JSON columns are written as the
    /// Codable path wrote them: Foundation's default JSONEncoder, stored as text.
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["feedID"] = feedID
        container["identity"] = identity
        container["link"] = link
        container["title"] = title
        container["published"] = published.map(StoreDate.text)
        container["contentHash"] = contentHash
        container["firstSeen"] = StoreDate.text(firstSeen)
        container["lastSeen"] = StoreDate.text(lastSeen)
        container["inFeed"] = inFeed
    }
}
