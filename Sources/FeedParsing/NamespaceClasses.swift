internal import CLibXML2

/// Which of the namespaces a parser looks elements up in an element's namespace is, as bits
/// (`core`, `dc`, `atom10`, ...), decided once per libxml2 namespace declaration (`xmlNs`) rather
/// than by comparing URIs on every lookup. The answer for a bit is exactly what
/// `XMLNode.hasNamespace` gives for that bit's URIs: it depends on the element's `ns` alone.
final class NamespaceClasses {
    static let core: UInt16 = 1 << 0
    static let dc: UInt16 = 1 << 1
    static let dcterms: UInt16 = 1 << 2
    static let atom10: UInt16 = 1 << 3
    static let content: UInt16 = 1 << 4
    static let xhtml: UInt16 = 1 << 5
    static let itunes: UInt16 = 1 << 6
    static let media: UInt16 = 1 << 7
    /// An Atom document's own namespace (the root's, possibly none).
    static let feed: UInt16 = 1 << 8

    /// The URIs of each bit (nil: no namespace).
    private let classes: [(bit: UInt16, uris: [String?])]
    /// Bits already decided, by namespace declaration (nil: none). Bounded, so that a document
    /// declaring a namespace on every element costs a lookup per element, not a growing scan.
    private var cache: [(ns: xmlNsPtr?, bits: UInt16)] = []
    private static let maxCached = 16

    /// The extension namespaces, with `core` (RSS) or `feed` (Atom) as given.
    init(core: [String?] = [], feed: [String?] = []) {
        var classes: [(bit: UInt16, uris: [String?])] = [
            (Self.dc, [FeedNamespace.dc]), (Self.dcterms, [FeedNamespace.dcterms]),
            (Self.atom10, [FeedNamespace.atom10]), (Self.content, [FeedNamespace.content]),
            (Self.xhtml, [FeedNamespace.xhtml]), (Self.itunes, FeedNamespace.itunesVariants.map { Optional($0) }),
            (Self.media, FeedNamespace.mediaVariants.map { Optional($0) }),
        ]
        if !core.isEmpty { classes.append((Self.core, core)) }
        if !feed.isEmpty { classes.append((Self.feed, feed)) }
        self.classes = classes
    }

    /// The bits of an element's namespace.
    func bits(_ node: xmlNodePtr) -> UInt16 {
        let ns = node.pointee.ns
        for entry in cache where entry.ns == ns { return entry.bits }
        var bits: UInt16 = 0
        for (bit, uris) in classes where uris.contains(where: { XMLNode.hasNamespace(node, $0) }) {
            bits |= bit
        }
        if cache.count < Self.maxCached { cache.append((ns, bits)) }
        return bits
    }
}
