import Foundation
public import QuoteCore

/// A quote as stored, with the item it came from (`quotewatch quotes`).
public struct StoredQuote: Sendable, Hashable {
    public var feedID: String
    public var item: String
    public var link: String?
    public var title: String?
    public var quote: Quote
    /// The tracked statements this quote is the quote of, in id order.
    public var statements: [String]
    /// When quotewatch first saw the item.
    public var firstSeen: Date?

    public init(feedID: String, item: String, link: String?, title: String?, quote: Quote, statements: [String] = [], firstSeen: Date? = nil) {
        self.statements = statements
        self.firstSeen = firstSeen
        self.feedID = feedID
        self.item = item
        self.link = link
        self.title = title
        self.quote = quote
    }
}
