public import QuoteCore

/// What the store holds of one tracked statement, for the web's overview: its event count, the
/// items that quoted it, and its latest event.
public struct StatementSummary: Sendable, Hashable {
    public var events: Int
    public var items: Int
    public var latest: ChangeEvent?

    public init(events: Int, items: Int, latest: ChangeEvent?) {
        self.events = events
        self.items = items
        self.latest = latest
    }
}
