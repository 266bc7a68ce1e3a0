/// Where the text of an item's version comes from.
public enum TextSource: String, Sendable, Hashable, Codable {
    /// The feed's full text (RSS `content:encoded`, Atom `content`).
    case content
    /// The feed's summary (RSS `description`, Atom `summary`).
    case summary
    /// The linked article page's main text.
    case page
}
