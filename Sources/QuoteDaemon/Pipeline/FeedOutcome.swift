import QuoteCore
import StateStore

/// What one refresh of one feed came to.
public struct FeedOutcome: Sendable {
    public var feedID: String
    public var result: FeedState.Result
    /// Items read anew (new or changed in the feed, or whose linked page changed).
    public var itemsProcessed: Int
    /// Events committed by this refresh.
    public var events: [ChangeEvent]
    public var error: String?
    /// The items whose linked page the feed's own pass already read.
    var pagesRead: Set<String> = []
}
