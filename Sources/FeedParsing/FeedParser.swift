import Foundation
internal import CLibXML2
public import QuoteCore

/// RSS and Atom documents to `ParsedFeed` values, with libxml2 (DESIGN §2, §3 `parse --json`).
///
/// The format is sniffed from the root element and its namespace, then one parser per family
/// (`RSSParser` for RSS 0.9x/1.0/2.0, `AtomParser` for Atom 0.3/1.0) fills the same model, as
/// miniflux's per-format adapters do. Untrusted input is safe here: no entity substitution, no DTD or
/// external entity loading, no network, libxml2's own depth and amplification limits, and every
/// text read bounded (`XMLNode`).
public enum FeedParser {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Initializes libxml2 (`xmlInitParser`) once per process. Idempotent and thread-safe; `parse`
    /// calls it too, so calling it up front only moves the cost.
    public static func initialize() {
        _ = initialized
    }

    /// Parses a feed document. Never throws, never crashes: a document yielding nothing has `error` set.
    ///
    /// - Parameters:
    ///   - data: the document's bytes, as fetched.
    ///   - httpCharset: the `charset` of the HTTP `Content-Type`, if any; it wins over the XML
    ///     declaration (a byte-order mark wins over both).
    ///   - baseURL: the document's URL, against which relative links (and `xml:base`) resolve.
    public static func parse(_ data: [UInt8], httpCharset: String? = nil, baseURL: String? = nil) -> ParsedFeed {
        initialize()
        guard data.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            return ParsedFeed(wellFormed: false, error: "The document is empty.")
        }
        var prepared = TextDecoding.prepareXML(data, httpCharset: httpCharset)
        // A well-formed document is read by the push parser (see `XMLDocument.parse`); anything
        // else, and whatever the push parser could not read as well-formed, as it always was.
        var document: XMLDocument? = nil
        if pushParserApplies(prepared),
            let pushed = XMLDocument.parse(prepared.bytes, encoding: prepared.parserEncoding, baseURL: baseURL, push: true),
            pushed.wellFormed, pushed.root != nil
        {
            document = pushed
        } else {
            document = XMLDocument.parse(prepared.bytes, encoding: prepared.parserEncoding, baseURL: baseURL)
        }
        if document?.root == nil, prepared.parserEncoding != "UTF-8" {
            // libxml2 does not know the label (or it lied): read the bytes as windows-1252.
            prepared.bytes = TextDecoding.windows1252ToUTF8(prepared.bytes)
            prepared.parserEncoding = "UTF-8"
            prepared.reportedEncoding = "windows-1252"
            prepared.repaired = true
            document = XMLDocument.parse(prepared.bytes, encoding: "UTF-8", baseURL: baseURL)
        }
        if document?.wellFormed != true {
            // A second chance for what recovery could not save (see SloppyXMLRepair), kept only
            // when it yields more items.
            let repaired = SloppyXMLRepair.repair(prepared.bytes)
            if repaired != prepared.bytes,
                let second = XMLDocument.parse(repaired, encoding: prepared.parserEncoding, baseURL: baseURL),
                let secondRoot = second.root,
                itemCount(secondRoot) > (document?.root.map(itemCount) ?? -1)
            {
                document = second
                prepared.repaired = true
            }
        }
        var feed = ParsedFeed(wellFormed: false, encoding: prepared.reportedEncoding)
        guard let document, let root = document.root else {
            feed.error = "The document is not XML: no root element could be read."
            return feed
        }
        feed.wellFormed = document.wellFormed && !prepared.repaired
        guard let format = sniffFormat(root) else {
            feed.error = "The root element <\(root.name)> is not RSS or Atom."
            return feed
        }
        feed.format = format
        switch format {
        case .rss20, .rss09x, .rss10:
            RSSParser.parse(root: root, into: &feed)
        case .atom10, .atom03:
            AtomParser.parse(root: root, format: format, into: &feed)
        }
        if feed.items.isEmpty && feed.title == nil && feed.link == nil && feed.description == nil {
            feed.error = "The \(format.rawValue) document has no channel data and no items."
        }
        return feed
    }

    /// Whether the push parser may read the prepared bytes: UTF-8 forced and not contradicted by the
    /// declaration (no encoding switch in mid-document), no NUL byte (where the two parsers stop
    /// differently), and no more bytes than libxml2's longest text node (the pull parser rejects a
    /// longer CDATA section, the push parser would not).
    static func pushParserApplies(_ prepared: TextDecoding.Prepared) -> Bool {
        guard prepared.parserEncoding == "UTF-8", prepared.bytes.count <= 10_000_000 else { return false }
        if let declared = TextDecoding.declaredEncoding(prepared.bytes).map(TextDecoding.normalizedName),
            declared != "utf-8"
        {
            return false
        }
        return prepared.bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, 0, buffer.count) == nil
        }
    }

    /// Items or entries under the root or its channel: how much a parse recovered.
    static func itemCount(_ root: XMLNode) -> Int {
        var count = 0
        for child in root.elements {
            if child.name == "item" || child.name == "entry" { count += 1 }
            if child.name == "channel" { count += child.elements.filter { $0.name == "item" }.count }
        }
        return count
    }

    /// The format, from the root element's name, namespace and version.
    static func sniffFormat(_ root: XMLNode) -> FeedFormat? {
        let name = root.name.lowercased()
        switch name {
        case "rss":
            let version = root.attribute("version").map(TextTrimming.trimSpaces) ?? ""
            if version.hasPrefix("0.9") { return .rss09x }
            return .rss20
        case "rdf":
            let namespaces = Set(root.elements.compactMap(\.namespace))
            if namespaces.contains(FeedNamespace.rss10) { return .rss10 }
            if namespaces.contains(FeedNamespace.rss090) { return .rss09x }
            // An RDF root whose channel has no namespace: read it as RSS 1.0.
            return root.elements.contains { $0.name == "channel" || $0.name == "item" } ? .rss10 : nil
        case "feed":
            if root.namespace == FeedNamespace.atom03 { return .atom03 }
            if root.namespace == FeedNamespace.atom10 { return .atom10 }
            return root.attribute("version")?.hasPrefix("0.") == true ? .atom03 : .atom10
        case "channel":
            return .rss09x
        default:
            return nil
        }
    }

    /// A text field: declaration entities decoded by libxml2, HTML references left in the text
    /// (often double-escaped in CDATA) decoded here, whitespace trimmed, nil when empty.
    static func cleanText(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let text = TextTrimming.trim(demoronize(EntityText.decodeHTMLEntities(raw)))
        return text.isEmpty ? nil : text
    }

    /// C1 control characters (U+0080...U+009F), which no feed means, read as the windows-1252
    /// characters their bytes stand for (U+0092 is ’): a windows-1252 feed mislabelled as Latin-1 or
    /// UTF-8. Text without them is returned as is, after one byte scan.
    static func demoronize(_ text: String) -> String {
        guard containsC1(text) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = EntityText.windows1252Fixup(scalar.value)
            scalars.append(Unicode.Scalar(value) ?? scalar)
        }
        return String(scalars)
    }

    /// Whether the UTF-8 of `text` has a C1 control (0xC2 then 0x80...0x9F), found with `memchr`.
    static func containsC1(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return false }
            var offset = 0
            while offset < utf8.count, let hit = memchr(base + offset, 0xC2, utf8.count - offset) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if index + 1 < utf8.count, (0x80...0x9F).contains(utf8[index + 1]) { return true }
                offset = index + 1
            }
            return false
        }
    }

    /// Whether the UTF-8 of `text` contains `byte` (`memchr`).
    static func utf8Contains(_ text: String, _ byte: UInt8) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return false }
            return memchr(base, Int32(byte), utf8.count) != nil
        }
    }

    /// A language tag: trimmed, `_` written `-` (`en_US` is `en-US`, BCP 47), nil when empty.
    static func cleanLanguage(_ raw: String?) -> String? {
        cleanText(raw).map { $0.replacingOccurrences(of: "_", with: "-") }
    }

    /// A markup field (summary, content): as the feed gives it, trimmed, nil when empty; with
    /// `node`, relative URLs in its attributes resolved against the node's base (`HTMLLinks`).
    static func cleanMarkup(_ raw: String?, resolvingAgainst node: XMLNode? = nil) -> String? {
        guard let raw else { return nil }
        var text = TextTrimming.trim(demoronize(raw))
        if text.isEmpty { return nil }
        if let node, utf8Contains(text, UInt8(ascii: "<")), let base = node.baseURI, !base.isEmpty {
            text = HTMLLinks.resolveRelative(in: text) { XMLNode.resolve($0, against: base) }
        }
        return text
    }
}
