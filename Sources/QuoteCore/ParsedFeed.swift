import Foundation

/// A feed document normalized to one model, whatever its format (DESIGN §3, `parse --json`).
public struct ParsedFeed: Sendable, Hashable, Codable {
    /// nil when the document is not a feed at all (then `error` says why).
    public var format: FeedFormat?
    /// false when the XML had errors and what is here was recovered.
    public var wellFormed: Bool
    /// The encoding the document was decoded from, lower-cased ("utf-8", "windows-1252").
    public var encoding: String?
    public var title: String?
    public var link: String?
    public var description: String?
    public var language: String?
    public var updated: Date?
    public var items: [FeedItem]
    /// Set when the document yielded nothing usable: one sentence saying why.
    public var error: String?

    public init(
        format: FeedFormat? = nil, wellFormed: Bool = true, encoding: String? = nil, title: String? = nil,
        link: String? = nil, description: String? = nil, language: String? = nil, updated: Date? = nil,
        items: [FeedItem] = [], error: String? = nil
    ) {
        self.format = format
        self.wellFormed = wellFormed
        self.encoding = encoding
        self.title = title
        self.link = link
        self.description = description
        self.language = language
        self.updated = updated
        self.items = items
        self.error = error
    }
}
