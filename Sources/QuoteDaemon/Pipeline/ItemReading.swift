import QuoteCore

/// One text of an item as read: the feed's HTML turned to text, or the linked page's main text.
struct ItemReading: Sendable {
    var text: String
    var source: TextSource
    /// Where the text came from: the page's final URL, or the item's link.
    var url: String?
    var etag: String?
    var lastModified: String?
    /// The hash of what was fetched (the page's body, or the item's HTML).
    var bodyHash: String
    /// A limit cut the text.
    var cut: Bool
}
