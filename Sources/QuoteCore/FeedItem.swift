import Foundation

/// One entry of a feed, normalized across RSS and Atom.
///
/// `summary` and `content` keep the HTML the feed carried; every other text field has its entities
/// decoded. Dates are absolute instants (the parser converts every zone to UTC).
public struct FeedItem: Sendable, Hashable, Codable {
    /// RSS `guid`, Atom `id`, RSS 1.0 `rdf:about`.
    public var id: String?
    public var title: String?
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var author: String?
    /// RSS `description`, Atom `summary`: HTML as the feed gives it.
    public var summary: String?
    /// RSS `content:encoded`, Atom `content`: HTML as the feed gives it.
    public var content: String?
    public var categories: [String]

    public init(
        id: String? = nil, title: String? = nil, link: String? = nil, published: Date? = nil,
        updated: Date? = nil, author: String? = nil, summary: String? = nil, content: String? = nil,
        categories: [String] = []
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.author = author
        self.summary = summary
        self.content = content
        self.categories = categories
    }

    /// The item's identity across fetches (DESIGN §5): its guid, else its link, else nil
    /// (an item with neither cannot be tracked across versions).
    public var identity: String? {
        if let id, !id.isEmpty { return id }
        if let link, !link.isEmpty { return link }
        return nil
    }

    /// The richest body the feed carries: `content` if present and non-empty, else `summary`.
    public var bodyHTML: String? {
        if hasContent { return content }
        return summary
    }

    /// Whether `content` holds more than white space. Looks only as far as the first other
    /// character (Foundation's trimming copied the whole body through UTF-16 to answer).
    public var hasContent: Bool {
        guard let content else { return false }
        for scalar in content.unicodeScalars {
            switch scalar {
            case " ", "\t", "\n", "\r": continue
            default: if scalar.isASCII || !scalar.properties.isWhitespace { return true }
            }
        }
        return false
    }
}
