import Foundation
import QuoteCore

/// HTML text for the web pages. Every text from a feed is hostile input: ``escape(_:)`` turns it into
/// text that can only ever be text, in an element or in a quoted attribute value.
enum HTML {
    /// `text` with `& < > " '` as character references and the characters XML cannot hold
    /// dropped (the Atom feed's escaping, which HTML's parser reads the same way).
    static func escape(_ text: String) -> String {
        EventFeed.escape(text)
    }

    /// A link to a URL a feed gave: only http(s) URLs become links (a `javascript:` or `data:` URL
    /// is shown as text).
    static func externalLink(_ url: String?, text: String) -> String {
        guard let url, let scheme = url.split(separator: ":", maxSplits: 1).first?.lowercased(), scheme == "http" || scheme == "https" else {
            return escape(text)
        }
        return "<a href=\"\(escape(url))\" rel=\"noreferrer noopener\">\(escape(text))</a>"
    }

    /// A path segment: every byte but unreserved ones percent-encoded, so a guid holding `/`, `?`
    /// or `#` stays one segment.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: HTML.unreserved) ?? ""
    }

    /// RFC 3986's unreserved characters: ASCII letters and digits, `-._~`.
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// The page of an item.
    static func itemPath(_ item: String) -> String { "/items/" + segment(item) }

    /// The page of a statement.
    static func statementPath(_ id: String) -> String { "/statements/" + segment(id) }

    /// A time as people read it, in UTC, in a `<time>` element.
    static func time(_ date: Date?) -> String {
        guard let date else { return "never" }
        let iso = ISO8601.string(date)
        let shown = iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: " UTC")
        return "<time datetime=\"\(iso)\">\(shown)</time>"
    }

    /// A word diff: removed words in `<del>`, added words in `<ins>`.
    static func diff(from old: String, to new: String) -> String {
        WordDiff.html(from: old, to: new)
    }

    /// An event type as a short label with a class the stylesheet colours.
    static func badge(_ type: EventType) -> String {
        "<span class=\"badge \(type.rawValue.replacingOccurrences(of: ".", with: "-"))\">\(type.rawValue)</span>"
    }
}
