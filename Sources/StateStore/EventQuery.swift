public import QuoteCore

/// Which events to read (`quotewatch events`).
public struct EventQuery: Sendable, Hashable {
    /// Only events with an id greater than this.
    public var afterID: Int64?
    public var types: Set<EventType>
    public var statement: String?
    public var limit: Int?
    /// Only events of the item with this identity (guid or link).
    public var item: String?
    /// The newest first (the limit then keeps the newest).
    public var newestFirst: Bool

    public init(
        afterID: Int64? = nil, types: Set<EventType> = [], statement: String? = nil, limit: Int? = nil, item: String? = nil,
        newestFirst: Bool = false
    ) {
        self.afterID = afterID
        self.item = item
        self.newestFirst = newestFirst
        self.types = types
        self.statement = statement
        self.limit = limit
    }
}
