/// The kinds of change event (DESIGN §5). Raw values are the contract's `type` strings.
public enum EventType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A quote matching a tracked statement appears in an item for the first time.
    case quoteNew = "quote.new"
    /// A later version of an item quotes the statement in different words.
    case quoteEdited = "quote.edited"
    /// The item is still in its feed but no longer quotes the statement.
    case quoteRemoved = "quote.removed"
    /// A number in the statement's quote changed.
    case claimChanged = "claim.changed"
    /// The statement's words are still in the item, now given to someone else.
    case attributionChanged = "attribution.changed"
    /// A feed started failing.
    case feedFailed = "feed.failed"
    /// A failing feed works again.
    case feedRecovered = "feed.recovered"
}
