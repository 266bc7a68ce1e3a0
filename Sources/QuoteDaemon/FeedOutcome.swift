import QuoteCore
import StateStore

/// What one refresh of one feed came to.
public struct FeedOutcome: Sendable {
    public var feedID: String
    public var result: FeedState.Result
    /// Items read anew (new or changed).
    public var itemsProcessed: Int
    /// Events committed by this refresh.
    public var events: [ChangeEvent]
    public var error: String?
}
