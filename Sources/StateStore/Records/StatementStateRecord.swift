import GRDB
import QuoteCore

/// A row of `statementState`: the ``StatementState`` of one tracked statement in one item.
struct StatementStateRecord: Codable, FetchableRecord, PersistableRecord, PlainJSONColumns {
    static let databaseTableName = "statementState"

    var itemID: Int64
    var statementID: String
    var quote: String
    var speaker: String?
    var score: Double
    /// The raw value of a ``StatementMatch/Tier``; one this build does not know reads as fuzzy.
    var tier: String
    /// Stored as JSON.
    var numericValues: [NumericValue]
    /// Stored as JSON.
    var history: [String]
    var reversed: Bool

    enum Columns {
        static let itemID = Column(CodingKeys.itemID)
        static let statementID = Column(CodingKeys.statementID)
        static let quote = Column(CodingKeys.quote)
    }

    init(itemID: Int64, _ state: StatementState) {
        self.itemID = itemID
        statementID = state.statementID
        quote = state.quote
        speaker = state.speaker
        score = state.score
        tier = state.tier.rawValue
        numericValues = state.values
        history = state.history
        reversed = state.reversed
    }

    var state: StatementState {
        StatementState(
            statementID: statementID, quote: quote, speaker: speaker, score: score, tier: StatementMatch.Tier(rawValue: tier) ?? .fuzzy,
            values: numericValues, history: history, reversed: reversed)
    }
}

extension StatementStateRecord {
    /// The columns written by hand: GRDB's Codable encoding cost more than the insert itself in the
    /// cycle's commits (its encoder, container and SQL per row). JSON columns are written as the
    /// Codable path wrote them: Foundation's default JSONEncoder, stored as text.
    func encode(to container: inout PersistenceContainer) throws {
        container["itemID"] = itemID
        container["statementID"] = statementID
        container["quote"] = quote
        container["speaker"] = speaker
        container["score"] = score
        container["tier"] = tier
        container["numericValues"] = try Self.json(numericValues)
        container["history"] = try Self.json(history)
        container["reversed"] = reversed
    }
}

extension StatementStateRecord {
    /// Deletes an item's statement states, with a statement each connection compiles once.
    static func deleteAll(_ db: Database, itemID: Int64) throws {
        try db.cachedStatement(sql: #"DELETE FROM "statementState" WHERE "itemID" = ?"#).execute(arguments: [itemID])
    }
}
