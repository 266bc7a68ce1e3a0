/// Namespace URIs of the feed vocabularies. Elements are matched by URI, never by prefix.
enum FeedNamespace {
    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    /// Spellings of the iTunes namespace seen in feeds (Apple's documentation capitalizes it).
    static let itunesVariants: Set<String> = [itunes, "http://www.itunes.com/DTDs/Podcast-1.0.dtd"]
    /// Media RSS, with and without its trailing slash.
    static let mediaVariants: Set<String> = ["http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss"]

    /// The first child element named `name` in any of `namespaces`.
    static func first(_ node: XMLNode, _ name: String, _ namespaces: Set<String>) -> XMLNode? {
        node.firstChild(name) { XMLNode.hasNamespace($0, in: namespaces) }
    }

    /// The child elements named `name` in any of `namespaces`.
    static func all(_ node: XMLNode, _ name: String, _ namespaces: Set<String>) -> [XMLNode] {
        node.children(name) { XMLNode.hasNamespace($0, in: namespaces) }
    }
    /// Some feeds write the RSS 2.0 elements in a (non-standard) namespace of their own.
    static let rss20Variants: Set<String> = ["http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss"]
}
