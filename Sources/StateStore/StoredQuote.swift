public import QuoteCore

/// A quote as stored, with the item it came from (`quotewatch quotes`).
public struct StoredQuote: Sendable, Hashable {
    public var feedID: String
    public var item: String
    public var link: String?
    public var title: String?
    public var quote: Quote

    public init(feedID: String, item: String, link: String?, title: String?, quote: Quote) {
        self.feedID = feedID
        self.item = item
        self.link = link
        self.title = title
        self.quote = quote
    }
}
