/// Every stored version of one item (`quotewatch history`), oldest first.
public struct ItemHistory: Sendable, Hashable {
    public var feedID: String
    public var identity: String
    public var link: String?
    public var title: String?
    public var versions: [ItemVersion]

    public init(feedID: String, identity: String, link: String?, title: String?, versions: [ItemVersion]) {
        self.feedID = feedID
        self.identity = identity
        self.link = link
        self.title = title
        self.versions = versions
    }
}
