import Foundation
import QuoteCore

/// Atom 1.0 (RFC 4287) and Atom 0.3 to the `ParsedFeed` model.
///
/// Links are `rel="alternate"` (or no `rel`), resolved against `xml:base` and the document URL.
/// Text constructs: `type="text"`/`"html"` give their text; `type="xhtml"` gives the inner `div`'s
/// children serialized as HTML. Atom 0.3's `mode="escaped"|"xml"|"base64"` is honoured.
enum AtomParser {
    static func parse(root: XMLNode, format: FeedFormat, into feed: inout ParsedFeed) {
        let ns = root.namespace
        feed.title = textConstruct(root.first("title", ns))
        feed.link = alternateLink(root, namespace: ns)
        feed.description = textConstruct(root.first("subtitle", ns) ?? root.first("tagline", ns))
            ?? textConstruct(root.first("info", ns))
        feed.language = FeedParser.cleanLanguage(root.language)
        let dates = [root.first("updated", ns), root.first("modified", ns), root.first("date", FeedNamespace.dc)]
        feed.updated = dates.lazy.compactMap { $0.flatMap { FeedDate.parse($0.text) } }.first
        let feedAuthor = personName(root.first("author", ns), namespace: ns)
        let classes = NamespaceClasses(feed: [ns])
        feed.items = root.all("entry", ns).map {
            parseEntry($0, namespace: ns, classes: classes, feedAuthor: feedAuthor)
        }
    }

    private static func parseEntry(
        _ entry: XMLNode, namespace ns: String?, classes: NamespaceClasses, feedAuthor: String?
    ) -> FeedItem {
        typealias N = NamespaceClasses
        var item = FeedItem()
        // The entry's children read once; every lookup below scans that index.
        let children = ChildIndex(entry, classes: classes)
        item.id = FeedParser.cleanText(children.first(.id, N.feed)?.text).map {
            // A relative id (feedparser resolves it too) is made absolute against xml:base.
            HTMLLinks.hasScheme($0) ? $0 : children.first(.id, N.feed)?.resolve($0) ?? $0
        }
        item.title = textConstruct(children.first(.title, N.feed))
        item.link = alternateLink(among: children.all(.link, N.feed))
        // The first readable date, each element looked up only when those before it gave none.
        item.published = FeedDate.parse(children.first(.published, N.feed))
            ?? FeedDate.parse(children.first(.issued, N.feed))
            ?? FeedDate.parse(children.first(.created, N.feed)) ?? FeedDate.parse(children.first(.date, N.dc))
        item.updated = FeedDate.parse(children.first(.updated, N.feed))
            ?? FeedDate.parse(children.first(.modified, N.feed))
        let source = children.first(.source, N.feed)
        item.author = personName(children.first(.author, N.feed), namespace: ns)
            ?? FeedParser.cleanText(children.first(.creator, N.dc)?.text)
            ?? personName(source?.first("author", ns), namespace: ns)
            ?? feedAuthor
        let mediaGroup = children.first(.group, N.media)
        item.summary = children.first(.summary, N.feed).flatMap(content)
            ?? children.first(.description, N.media).flatMap(content)
            ?? mediaGroup.flatMap { FeedNamespace.first($0, "description", FeedNamespace.mediaVariants) }.flatMap(content)
        item.content = children.first(.content, N.feed).flatMap(content)
        var categories: [String] = []
        for category in children.all(.category, N.feed) {
            if let term = FeedParser.cleanText(category.attribute("term") ?? category.text),
                !categories.contains(term)
            {
                categories.append(term)
            }
        }
        for subject in children.all(.subject, N.dc) {
            if let text = FeedParser.cleanText(subject.text), !categories.contains(text) { categories.append(text) }
        }
        item.categories = categories
        return item
    }

    /// The `name` of an Atom person construct (or its text, for sloppy feeds).
    private static func personName(_ person: XMLNode?, namespace ns: String?) -> String? {
        guard let person else { return nil }
        return FeedParser.cleanText(person.first("name", ns)?.text)
            ?? (person.hasElementChildren ? nil : FeedParser.cleanText(person.text))
    }

    /// The `rel="alternate"` (or rel-less) link's `href`, resolved; the first of any HTML type preferred.
    static func alternateLink(_ node: XMLNode, namespace ns: String?) -> String? {
        alternateLink(among: node.all("link", ns))
    }

    /// The same, among `candidates` (an element's `link` children in the namespace).
    static func alternateLink(among candidates: [XMLNode]) -> String? {
        let links = candidates.filter {
            let rel = $0.attribute("rel").map(TextTrimming.trimSpaces)?.lowercased() ?? "alternate"
            return rel == "alternate" || rel == "http://www.iana.org/assignments/relation/alternate"
        }
        let preferred = links.first { containsHTML($0.attribute("type") ?? "text/html") } ?? links.first
        guard let link = preferred, let href = FeedParser.cleanText(link.attribute("href")) else { return nil }
        return link.resolve(href)
    }

    private enum Kind { case text, html, xhtml, xml, base64 }

    /// Atom 1.0: `text`, `html`, `xhtml` (the wrapper `div` dropped), an XML or `text/*` MIME
    /// type, and any other MIME type as base64 (RFC 4287 §4.1.3.3). Atom 0.3: `mode` decides, and
    /// inline XHTML keeps its `div` (no wrapper is required there).
    private static func kind(_ node: XMLNode) -> Kind {
        let type = node.attribute("type").map(TextTrimming.trimSpaces)?.lowercased() ?? "text"
        let mode = node.attribute("mode").map(TextTrimming.trimSpaces)?.lowercased()
        if mode == "base64" { return .base64 }
        if mode == "escaped" { return containsHTML(type) ? .html : .text }
        if type == "xhtml" { return .xhtml }
        if mode == "xml" || contains(type, "xhtml") { return .xml }
        if type == "html" || containsHTML(type) { return .html }
        if type == "text" || type.hasPrefix("text/") || type.hasSuffix("xml") || !contains(type, "/") {
            return node.hasElementChildren ? .xml : .text
        }
        return mode == nil ? .base64 : .text
    }

    private static func containsHTML(_ text: String) -> Bool { contains(text, "html") }

    /// `text.contains(part)` for an ASCII `part`: on ASCII text a byte search, which is the same
    /// answer; other text goes through `contains` as before (a combining mark after the match
    /// makes it no match there).
    private static func contains(_ text: String, _ part: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: part.utf8Start, count: part.utf8CodeUnitCount)
        var text = text
        let answer: Bool? = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 >= 0x80 }) else { return nil }
            guard needle.count <= utf8.count else { return false }
            for start in 0...(utf8.count - needle.count)
            where utf8[start] == needle[0] && memcmp(utf8.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
                return true
            }
            return false
        }
        return answer ?? text.contains(String(decoding: needle, as: UTF8.self))
    }

    /// A text construct as a plain string (titles, subtitles): markup converted to text.
    static func textConstruct(_ node: XMLNode?) -> String? {
        guard let node else { return nil }
        switch kind(node) {
        case .text:
            return FeedParser.cleanText(node.text)
        case .html, .xhtml, .xml, .base64:
            guard let markup = content(node) else { return nil }
            let text = HTMLText.plainText(fromHTML: markup)
            return text.isEmpty ? nil : text
        }
    }

    /// A content-like element (summary, content) as the feed gives it: HTML stays HTML.
    static func content(_ node: XMLNode) -> String? {
        switch kind(node) {
        case .text, .html:
            return FeedParser.cleanMarkup(node.text, resolvingAgainst: node)
        case .xhtml:
            if let div = node.elements.first(where: { $0.name == "div" }), node.elements.count == 1 {
                return FeedParser.cleanMarkup(div.innerHTML, resolvingAgainst: div)
            }
            return FeedParser.cleanMarkup(node.innerHTML, resolvingAgainst: node)
        case .xml:
            return FeedParser.cleanMarkup(node.innerHTML, resolvingAgainst: node)
        case .base64:
            let compact = node.text.filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: compact) else { return FeedParser.cleanMarkup(node.text) }
            return FeedParser.cleanMarkup(String(decoding: data, as: UTF8.self), resolvingAgainst: node)
        }
    }
}
