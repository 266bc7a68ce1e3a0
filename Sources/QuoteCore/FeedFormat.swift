/// The syndication format a feed document was written in, as sniffed from its root element.
///
/// The raw values are the `format` strings of `quotewatch parse --json` (DESIGN §3).
public enum FeedFormat: String, Sendable, Codable, Hashable, CaseIterable {
    case rss20 = "rss2.0"
    case rss10 = "rss1.0"
    case rss09x = "rss0.9x"
    case atom10 = "atom1.0"
    case atom03 = "atom0.3"
}
