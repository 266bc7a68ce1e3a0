import GRDB
import QuoteCore

/// A row of `quote`: one of the current quotes of an item, at its position.
struct QuoteRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "quote"
    static let item = belongsTo(ItemRecord.self)

    var itemID: Int64
    var position: Int
    var text: String
    var speaker: String?
    var source: String?
    var start: Int
    var end: Int
    /// The raw value of a ``Quote/Kind``.
    var kind: String

    enum Columns {
        static let itemID = Column(CodingKeys.itemID)
        static let position = Column(CodingKeys.position)
        static let text = Column(CodingKeys.text)
        static let speaker = Column(CodingKeys.speaker)
        static let kind = Column(CodingKeys.kind)
    }

    init(itemID: Int64, position: Int, _ quote: Quote) {
        self.itemID = itemID
        self.position = position
        text = quote.text
        speaker = quote.speaker
        source = quote.source
        start = quote.start
        end = quote.end
        kind = quote.kind.rawValue
    }

    var quote: Quote {
        Quote(text: text, speaker: speaker, source: source, start: start, end: end, kind: Quote.Kind(rawValue: kind) ?? .speech)
    }
}

extension QuoteRecord {
    /// The columns written by hand: GRDB's Codable encoding cost more than the insert itself in the
    /// cycle's commits (its encoder, container and SQL per row). JSON columns are written as the
    /// Codable path wrote them: Foundation's default JSONEncoder, stored as text.
    func encode(to container: inout PersistenceContainer) throws {
        container["itemID"] = itemID
        container["position"] = position
        container["text"] = text
        container["speaker"] = speaker
        container["source"] = source
        container["start"] = start
        container["end"] = end
        container["kind"] = kind
    }
}

extension QuoteRecord {
    /// Inserts the quote as ``encode(to:)`` writes it, with a statement each connection compiles
    /// once (the record's `insert` builds its SQL and arguments anew per call).
    func insertCached(_ db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO "quote" ("itemID", "position", "text", "speaker", "source", "start", "end", "kind") VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [itemID, position, text, speaker, source, start, end, kind])
    }

    /// Deletes an item's quotes, with a statement each connection compiles once.
    static func deleteAll(_ db: Database, itemID: Int64) throws {
        try db.cachedStatement(sql: #"DELETE FROM "quote" WHERE "itemID" = ?"#).execute(arguments: [itemID])
    }
}
