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

    /// What a later reading of its feed updates in a stored item: not its first sighting.
    static let updatedByAReading = [Columns.link, Columns.title, Columns.published, Columns.contentHash, Columns.lastSeen, Columns.inFeed]

    /// Inserts the item, or updates the one stored under its feed and identity (keeping when it was
    /// first seen), and sets `id`. Not GRDB's upsert: it appends a RETURNING clause, which needs
    /// SQLite 3.35, newer than what Ubuntu 20.04 and RHEL 9 ship (the ON CONFLICT clause this
    /// replaced needed 3.24). Both statements are cached.
    mutating func saveKeepingFirstSeen(_ db: Database) throws {
        let feedID = feedID, identity = identity
        let stored = ItemRecord.filter { $0.feedID == feedID && $0.identity == identity }.select(Columns.id, as: Int64.self)
        if let storedID = try stored.cached.fetchOne(db) {
            id = storedID
            try update(db, columns: ItemRecord.updatedByAReading)
        } else {
            try insert(db)
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
        container["published"] = published
        container["contentHash"] = contentHash
        container["firstSeen"] = firstSeen
        container["lastSeen"] = lastSeen
        container["inFeed"] = inFeed
    }
}
