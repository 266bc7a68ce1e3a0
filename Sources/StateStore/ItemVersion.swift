public import Foundation
public import QuoteCore

/// One stored version of an item, kept as evidence whenever its quotes changed (DESIGN §5): when and
/// where it was read, the validators and hashes, the text and the quotes. `quotewatch history` shows
/// them; a statement added later is matched against the latest.
public struct ItemVersion: Sendable, Hashable {
    /// Assigned by the store.
    public var id: Int64?
    public var time: Date
    /// The feed's full text, its summary, or the linked page.
    public var source: TextSource
    /// Where the text was read from (the page's final URL, or the item's link).
    public var url: String?
    public var etag: String?
    public var lastModified: String?
    /// The hash of what was fetched (the page's body, or the item's HTML).
    public var bodyHash: String
    /// The hash of the plain text.
    public var textHash: String
    public var text: String
    public var quotes: [Quote]
    /// false when a limit cut the text or its quotes.
    public var complete: Bool

    public init(
        id: Int64? = nil, time: Date, source: TextSource, url: String?, etag: String? = nil, lastModified: String? = nil,
        bodyHash: String, textHash: String, text: String, quotes: [Quote], complete: Bool
    ) {
        self.id = id
        self.time = time
        self.source = source
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.bodyHash = bodyHash
        self.textHash = textHash
        self.text = text
        self.quotes = quotes
        self.complete = complete
    }
}
