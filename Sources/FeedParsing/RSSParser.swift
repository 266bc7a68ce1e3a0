import Foundation
import QuoteCore
internal import CLibXML2

/// RSS 0.9x, 1.0 (RDF) and 2.0 to the `ParsedFeed` model.
///
/// The "core" elements are those without namespace (RSS 0.91/0.92/2.0), in the RSS 1.0 namespace,
/// or in the RSS 0.90 namespace. Extensions (content, Dublin Core, Atom, iTunes) are matched by URI.
/// RSS 1.0 items are siblings of `channel` under `rdf:RDF`; their id is `rdf:about`. The default
/// namespace of an `<rss>` root, whatever it is (`http://backend.userland.com/rss`), is core too.
struct RSSParser {
    private static let knownCoreNamespaces: Set<String?> = Set(
        [nil, FeedNamespace.rss10, FeedNamespace.rss090] + FeedNamespace.rss20Variants.map { Optional($0) })

    /// The namespaces whose elements are RSS's own in this document.
    private let coreNamespaces: Set<String?>
    /// The same, with the extension namespaces, as bits per namespace declaration (items' lookups).
    private let classes: NamespaceClasses

    private init(coreNamespaces: Set<String?>) {
        self.coreNamespaces = coreNamespaces
        classes = NamespaceClasses(core: Array(coreNamespaces))
    }

    private func isCore(_ node: xmlNodePtr) -> Bool {
        coreNamespaces.contains { XMLNode.hasNamespace(node, $0) }
    }

    private func core(_ node: XMLNode, _ name: String) -> XMLNode? {
        node.firstChild(name, where: isCore)
    }

    private func coreAll(_ node: XMLNode, _ name: String) -> [XMLNode] {
        node.children(name, where: isCore)
    }

    static func parse(root: XMLNode, into feed: inout ParsedFeed) {
        var namespaces = knownCoreNamespaces
        if root.name == "rss" || root.name == "channel" { namespaces.insert(root.namespace) }
        RSSParser(coreNamespaces: namespaces).parse(root: root, into: &feed)
    }

    private func parse(root: XMLNode, into feed: inout ParsedFeed) {
        let channel = core(root, "channel") ?? (root.name == "channel" ? root : nil)
        if let channel {
            parseChannel(channel, root: root, into: &feed)
        }
        var itemNodes: [XMLNode] = []
        if let channel, channel.pointer != root.pointer { itemNodes += coreAll(channel, "item") }
        itemNodes += coreAll(root, "item")
        feed.items = itemNodes.map(parseItem)
        if feed.language == nil {
            feed.language = FeedParser.cleanLanguage(root.attribute("lang", namespace: Self.xmlNamespace))
        }
    }

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    private func parseChannel(_ channel: XMLNode, root: XMLNode, into feed: inout ParsedFeed) {
        feed.title = FeedParser.cleanText(core(channel, "title")?.text)
            ?? FeedParser.cleanText(channel.first("title", FeedNamespace.dc)?.text)
        if let link = FeedParser.cleanText(core(channel, "link")?.text) {
            feed.link = channel.resolve(link)
        } else if let link = AtomParser.alternateLink(channel, namespace: FeedNamespace.atom10) {
            feed.link = link
        }
        feed.description = FeedParser.cleanText(core(channel, "description")?.text)
            ?? FeedParser.cleanText(channel.first("description", FeedNamespace.dc)?.text)
            ?? FeedParser.cleanText(FeedNamespace.first(channel, "subtitle", FeedNamespace.itunesVariants)?.text)
            ?? FeedParser.cleanText(FeedNamespace.first(channel, "summary", FeedNamespace.itunesVariants)?.text)
        feed.language = FeedParser.cleanLanguage(core(channel, "language")?.text)
            ?? FeedParser.cleanLanguage(channel.first("language", FeedNamespace.dc)?.text)
            ?? FeedParser.cleanLanguage(channel.language)
        let dateTexts = [
            core(channel, "lastBuildDate")?.text, channel.first("modified", FeedNamespace.dcterms)?.text,
            channel.first("date", FeedNamespace.dc)?.text, core(channel, "pubDate")?.text,
            channel.first("updated", FeedNamespace.atom10)?.text,
        ]
        feed.updated = dateTexts.lazy.compactMap { $0.flatMap(FeedDate.parse) }.first
    }

    private func parseItem(_ item: XMLNode) -> FeedItem {
        typealias N = NamespaceClasses
        var result = FeedItem()
        // The item's children read once; every lookup below scans that index.
        let children = ChildIndex(item, classes: classes)
        let mediaGroup = children.first(.group, N.media)
        result.title = FeedParser.cleanText(children.first(.title, N.core)?.text)
            ?? FeedParser.cleanText(children.first(.title, N.dc)?.text)
            ?? FeedParser.cleanText(children.first(.title, N.media)?.text)
            ?? FeedParser.cleanText(mediaGroup.flatMap { FeedNamespace.first($0, "title", FeedNamespace.mediaVariants) }?.text)
        let guid = children.first(.guid, N.core)
        result.id = FeedParser.cleanText(guid?.text)
            ?? FeedParser.cleanText(item.attribute("about", namespace: FeedNamespace.rdf))
            ?? FeedParser.cleanText(children.first(.identifier, N.dc)?.text)
        if let link = FeedParser.cleanText(children.first(.link, N.core)?.text) {
            result.link = item.resolve(link)
        } else if let link = AtomParser.alternateLink(among: children.all(.link, N.atom10)) {
            result.link = link
        } else if let guid, let id = result.id, guid.attribute("isPermaLink")?.lowercased() != "false",
            id.hasPrefix("http://") || id.hasPrefix("https://")
        {
            result.link = id
        } else if let about = FeedParser.cleanText(item.attribute("about", namespace: FeedNamespace.rdf)) {
            result.link = item.resolve(about)
        }
        result.summary = markup(children.first(.description, N.core))
            ?? markup(children.first(.description, N.dc))
            ?? markup(children.first(.summary, N.atom10))
            ?? markup(children.first(.summary, N.itunes))
            ?? markup(children.first(.description, N.media))
            ?? markup(mediaGroup.flatMap { FeedNamespace.first($0, "description", FeedNamespace.mediaVariants) })
        result.content = markup(children.first(.encoded, N.content))
            ?? children.first(.body, N.xhtml).flatMap { FeedParser.cleanMarkup($0.innerHTML, resolvingAgainst: $0) }
            ?? children.first(.body, N.core).flatMap { FeedParser.cleanMarkup($0.innerHTML, resolvingAgainst: $0) }
            ?? markup(children.first(.fullitem, N.core))
            ?? children.first(.content, N.atom10).flatMap { AtomParser.content($0) }
        result.author = FeedParser.cleanText(children.first(.author, N.core)?.text)
            ?? FeedParser.cleanText(children.first(.creator, N.dc)?.text)
            ?? children.first(.author, N.atom10).flatMap { FeedParser.cleanText($0.first("name", FeedNamespace.atom10)?.text) }
            ?? FeedParser.cleanText(children.first(.author, N.itunes)?.text)
        // The first readable date, each element looked up only when those before it gave none.
        result.published = FeedDate.parse(children.first(.pubDate, N.core))
            ?? FeedDate.parse(children.first(.date, N.dc))
            ?? FeedDate.parse(children.first(.issued, N.dcterms))
            ?? FeedDate.parse(children.first(.created, N.dcterms))
            ?? FeedDate.parse(children.first(.published, N.atom10))
        // dc:date is the item's date: its publication, and its last update when nothing says otherwise.
        result.updated = FeedDate.parse(children.first(.modified, N.dcterms))
            ?? FeedDate.parse(children.first(.updated, N.atom10))
            ?? FeedDate.parse(children.first(.modified, N.dc))
            ?? FeedDate.parse(children.first(.date, N.dc))
        var categories: [String] = []
        for node in children.all(.category, N.core) + children.all(.subject, N.dc) {
            if let text = FeedParser.cleanText(node.text), !categories.contains(text) { categories.append(text) }
        }
        for node in children.all(.category, N.atom10) {
            if let term = FeedParser.cleanText(node.attribute("term")), !categories.contains(term) {
                categories.append(term)
            }
        }
        for node in children.all(.category, N.media) {
            if let text = FeedParser.cleanText(node.text), !categories.contains(text) { categories.append(text) }
        }
        // iTunes categories are `text` attributes, possibly nested (a category and its subcategory).
        var itunes = children.all(.category, N.itunes)
        while !itunes.isEmpty {
            let node = itunes.removeFirst()
            if let text = FeedParser.cleanText(node.attribute("text")), !categories.contains(text) {
                categories.append(text)
            }
            itunes.insert(contentsOf: FeedNamespace.all(node, "category", FeedNamespace.itunesVariants), at: 0)
        }
        result.categories = categories
        return result
    }

    /// A description-like element: its text, or its children serialized when the feed wrote raw markup.
    private func markup(_ node: XMLNode?) -> String? {
        guard let node else { return nil }
        return FeedParser.cleanMarkup(node.hasElementChildren ? node.innerHTML : node.text, resolvingAgainst: node)
    }
}
