public import Foundation
public import QuoteCore

/// An item as stored: enough to skip an unchanged one, to compare a changed one and to read its page
/// again. Its text and quotes are in its versions (``ItemVersion``).
public struct StoredItem: Sendable, Hashable {
    public var itemID: Int64
    public var feedID: String
    public var identity: String
    public var link: String?
    public var title: String?
    public var published: Date?
    public var firstSeen: Date
    /// The hash of the item as the feed gave it.
    public var contentHash: String
    /// The state of each tracked statement the item quotes, by statement id.
    public var states: [String: StatementState]
    public var page: PageState

    public init(
        itemID: Int64, feedID: String, identity: String, link: String?, title: String?, published: Date?, firstSeen: Date,
        contentHash: String, states: [String: StatementState], page: PageState = PageState()
    ) {
        self.itemID = itemID
        self.feedID = feedID
        self.identity = identity
        self.link = link
        self.title = title
        self.published = published
        self.firstSeen = firstSeen
        self.contentHash = contentHash
        self.states = states
        self.page = page
    }
}
