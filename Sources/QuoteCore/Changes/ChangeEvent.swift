import Foundation

/// One change event: a row of the store and, once committed, one log line (DESIGN §5).
public struct ChangeEvent: Sendable, Hashable, Codable {
    /// Assigned by the store; nil before the event is stored.
    public var id: Int64?
    public var time: Date
    public var type: EventType
    public var statement: String?
    public var feed: String
    /// The item's identity: its guid, else its link.
    public var item: String?
    public var url: String?
    public var title: String?
    public var speaker: String?
    public var quote: String?
    /// The earlier words (`quote.edited`, `claim.changed`) or the earlier speaker (`attribution.changed`).
    public var previous: String?
    public var score: Double?
    /// The matching tier that decided (exact, normalized, fuzzy); nil for feed events.
    public var tier: StatementMatch.Tier?
    /// `claim.changed`: the values before, as written ("5%").
    public var oldValues: [String]?
    /// `claim.changed`: the values after, as written ("3.5%").
    public var newValues: [String]?
    /// `feed.failed`: the reason; other types: a short human note (e.g. a word diff).
    public var detail: String?
    /// `quote.edited`: the new words say the opposite of the old ones (a negation added or dropped,
    /// or an antonym).
    public var reversed: Bool
    /// `quote.new`: where the statement was first quoted in any feed (this item, when it was first).
    public var first: FirstAppearance?

    public init(
        id: Int64? = nil, time: Date, type: EventType, statement: String? = nil, feed: String, item: String? = nil,
        url: String? = nil, title: String? = nil, speaker: String? = nil, quote: String? = nil,
        previous: String? = nil, score: Double? = nil, tier: StatementMatch.Tier? = nil, oldValues: [String]? = nil, newValues: [String]? = nil,
        detail: String? = nil, reversed: Bool = false, first: FirstAppearance? = nil
    ) {
        self.id = id
        self.time = time
        self.type = type
        self.statement = statement
        self.feed = feed
        self.item = item
        self.url = url
        self.title = title
        self.speaker = speaker
        self.quote = quote
        self.previous = previous
        self.score = score
        self.tier = tier
        self.oldValues = oldValues
        self.newValues = newValues
        self.detail = detail
        self.reversed = reversed
        self.first = first
    }
}
