public import Foundation

/// Which item a reading belongs to and what its feed says of it, committed with the reading.
public struct ItemPlace: Sendable, Hashable {
    public var feedID: String
    /// The item's guid (Atom id, RSS 1.0 rdf:about), else its link.
    public var identity: String
    public var link: String?
    public var title: String?
    public var published: Date?
    /// The hash of the item as the feed gave it.
    public var contentHash: String

    public init(feedID: String, identity: String, link: String?, title: String?, published: Date?, contentHash: String) {
        self.feedID = feedID
        self.identity = identity
        self.link = link
        self.title = title
        self.published = published
        self.contentHash = contentHash
    }

    /// The item as stored (a page read again while the feed is unchanged, a statement matched later).
    public init(_ stored: StoredItem) {
        self.init(
            feedID: stored.feedID, identity: stored.identity, link: stored.link, title: stored.title, published: stored.published,
            contentHash: stored.contentHash)
    }
}
