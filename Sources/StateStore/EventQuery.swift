public import QuoteCore

/// Which events to read (`quotewatch events`).
public struct EventQuery: Sendable, Hashable {
    /// Only events with an id greater than this.
    public var afterID: Int64?
    public var types: Set<EventType>
    public var statement: String?
    public var limit: Int?

    public init(afterID: Int64? = nil, types: Set<EventType> = [], statement: String? = nil, limit: Int? = nil) {
        self.afterID = afterID
        self.types = types
        self.statement = statement
        self.limit = limit
    }
}
