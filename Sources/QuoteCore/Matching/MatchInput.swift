/// What the matcher knows about one quote: its words, its speaker, and where it stands.
public struct MatchInput: Sendable, Hashable {
    /// The quoted words.
    public var text: String
    /// The attributed speaker, nil when unknown or unnamed.
    public var speaker: String?
    /// The sentence the quote stands in, quote included; lets a partial quote ("unrealistic")
    /// be read with what it refers to. Empty when unknown.
    public var context: String
    /// The lower-cased words of the whole item, to let an unattributed quote match a statement whose
    /// speaker the item names (DESIGN §5). nil: unattributed quotes never match.
    public var itemWords: Set<String>?

    public init(text: String, speaker: String? = nil, context: String = "", itemWords: Set<String>? = nil) {
        self.text = text
        self.speaker = speaker
        self.context = context
        self.itemWords = itemWords
    }
}
