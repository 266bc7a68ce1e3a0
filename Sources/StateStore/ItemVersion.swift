public import QuoteCore
import Foundation

/// A new version of an item to commit: its identity and metadata, its quotes, its statement states,
/// and the events the change raised. ``Store/commit(_:)`` writes it all in one transaction.
public struct ItemVersion: Sendable, Hashable {
    public var feedID: String
    public var identity: String
    public var link: String?
    public var title: String?
    public var published: Date?
    public var contentHash: String
    public var quotes: [Quote]
    public var states: [String: StatementState]
    public var events: [ChangeEvent]
    public var seen: Date

    public init(
        feedID: String, identity: String, link: String?, title: String?, published: Date?, contentHash: String,
        quotes: [Quote], states: [String: StatementState], events: [ChangeEvent], seen: Date
    ) {
        self.feedID = feedID
        self.identity = identity
        self.link = link
        self.title = title
        self.published = published
        self.contentHash = contentHash
        self.quotes = quotes
        self.states = states
        self.events = events
        self.seen = seen
    }
}
