import Foundation
import GRDB
import QuoteCore

/// A row of `event`: a ``ChangeEvent`` and whether it has been logged.
struct EventRecord: Codable, FetchableRecord, MutablePersistableRecord, PlainJSONColumns {
    static let databaseTableName = "event"

    var id: Int64?
    var time: Date
    /// The raw value of an ``EventType``: an event of a type this build does not know is skipped.
    var type: String
    var statement: String?
    var feed: String
    var item: String?
    var url: String?
    var title: String?
    var speaker: String?
    var quote: String?
    var previous: String?
    var score: Double?
    /// The raw value of a ``StatementMatch/Tier``; one this build does not know reads as none.
    var tier: String?
    /// Stored as JSON.
    var oldValues: [String]?
    /// Stored as JSON.
    var newValues: [String]?
    var detail: String?
    var reversed: Bool
    /// Stored as JSON.
    var first: FirstAppearance?
    var logged: Bool

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let type = Column(CodingKeys.type)
        static let statement = Column(CodingKeys.statement)
        static let item = Column(CodingKeys.item)
        static let logged = Column(CodingKeys.logged)
    }

    /// A new row for `event`, not yet logged (the store assigns its id).
    init(_ event: ChangeEvent) {
        time = event.time
        type = event.type.rawValue
        statement = event.statement
        feed = event.feed
        item = event.item
        url = event.url
        title = event.title
        speaker = event.speaker
        quote = event.quote
        previous = event.previous
        score = event.score
        tier = event.tier?.rawValue
        oldValues = event.oldValues
        newValues = event.newValues
        detail = event.detail
        reversed = event.reversed
        first = event.first
        logged = false
    }

    /// The event, or nil for a type this build does not know.
    var event: ChangeEvent? {
        guard let type = EventType(rawValue: type) else { return nil }
        return ChangeEvent(
            id: id, time: time, type: type, statement: statement, feed: feed, item: item, url: url, title: title, speaker: speaker,
            quote: quote, previous: previous, score: score, tier: tier.flatMap(StatementMatch.Tier.init(rawValue:)),
            oldValues: oldValues, newValues: newValues, detail: detail, reversed: reversed, first: first)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension EventRecord {
    /// The columns written by hand: GRDB's Codable encoding cost more than the insert itself in the
    /// cycle's commits (its encoder, container and SQL per row). JSON columns are written as the
    /// Codable path wrote them: Foundation's default JSONEncoder, stored as text.
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["time"] = time
        container["type"] = type
        container["statement"] = statement
        container["feed"] = feed
        container["item"] = item
        container["url"] = url
        container["title"] = title
        container["speaker"] = speaker
        container["quote"] = quote
        container["previous"] = previous
        container["score"] = score
        container["tier"] = tier
        container["oldValues"] = try oldValues.map(Self.json)
        container["newValues"] = try newValues.map(Self.json)
        container["detail"] = detail
        container["reversed"] = reversed
        container["first"] = try first.map(Self.json)
        container["logged"] = logged
    }
}
