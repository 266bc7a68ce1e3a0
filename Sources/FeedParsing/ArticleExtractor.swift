import Foundation
internal import CLibXML2

/// The main text of an article page, readability-style, over libxml2's HTML parser.
///
/// 1. Drop what is never article text: scripts, styles, nav, header, footer, aside, forms, figure
///    captions, and elements whose class/id say boilerplate (nav, footer, sidebar, related, comment,
///    promo, share, most-read...) unless they also say content (article, story, body...).
/// 2. Score paragraphs by length and commas, credit their parent and grandparent, weight containers
///    by tag and class/id hints, and scale by one minus the link density.
/// 3. Keep the best container and its siblings that score nearly as well or read like prose, with
///    link-heavy lists and blocks inside removed; output plain text as `HTMLText` does.
/// Falls back to the whole body text when nothing scores.
public enum ArticleExtractor {
    /// The main article text of a full HTML page (readability-style: score paragraphs/containers by
    /// text length, commas, link density, class/id hints like article/content/story vs
    /// nav/footer/sidebar/related/comment/promo; drop nav, header, footer, aside, script, style, form,
    /// figure captions), as plain text in the `HTMLText` format. Falls back to the whole body text.
    ///
    /// - Parameter httpCharset: the HTTP `charset`, if any; else `<meta charset>`, else UTF-8 when
    ///   the bytes are valid UTF-8, else windows-1252.
    public static func mainText(fromHTML data: [UInt8], httpCharset: String? = nil) -> String {
        let prepared = TextDecoding.prepareHTML(data, httpCharset: httpCharset)
        guard
            let document = XMLDocument.parseHTML(prepared.bytes, encoding: prepared.encoding)
                ?? XMLDocument.parseHTML(TextDecoding.windows1252ToUTF8(prepared.bytes), encoding: "UTF-8"),
            let root = xmlDocGetRootElement(document.pointer)
        else { return "" }
        return withExtendedLifetime(document) {
            let body = findBody(in: root) ?? root
            removeBoilerplate(body)
            // Every element's measures in one walk of the tree as boilerplate removal left it.
            var extractor = ArticleScorer(measuring: root)
            guard let selection = extractor.select(in: body) else { return text(of: [body]) }
            for node in selection { removeLinkHeavyBlocks(node, scorer: &extractor) }
            let result = text(of: selection)
            return result.isEmpty ? text(of: [body]) : result
        }
    }

    // MARK: - Tree helpers

    static func elementChildren(_ node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { qw_xmlFree(value) }
        return String(cString: value)
    }

    /// An attribute's value as libxml2 holds it, without a copy: what `xmlGetProp` returns (the
    /// text of its one text child, "" without children), nil when the element has no such
    /// attribute; `xmlGetProp` itself for anything else.
    static func withAttribute<Result>(
        _ node: xmlNodePtr, _ name: StaticString, _ body: (UnsafeBufferPointer<UInt8>?) -> Result
    ) -> Result {
        var property = node.pointee.properties
        while let attr = property {
            if let attrName = attr.pointee.name,
                strcmp(UnsafeRawPointer(attrName).assumingMemoryBound(to: CChar.self),
                    UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
            {
                guard let child = attr.pointee.children else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
                if child.pointee.next == nil,
                    child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE,
                    let content = child.pointee.content
                {
                    let count = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                    return body(UnsafeBufferPointer(start: content, count: count))
                }
                break
            }
            property = attr.pointee.next
        }
        guard property != nil else { return body(nil) }
        let copied = UnsafeRawPointer(name.utf8Start).withMemoryRebound(to: xmlChar.self, capacity: name.utf8CodeUnitCount + 1) {
            xmlGetProp(node, $0)
        }
        guard let copied else { return body(nil) }
        defer { qw_xmlFree(copied) }
        let count = strlen(UnsafeRawPointer(copied).assumingMemoryBound(to: CChar.self))
        return body(UnsafeBufferPointer(start: copied, count: count))
    }

    /// The first `body` element, depth first, no deeper than 20 levels.
    private static func findBody(in node: xmlNodePtr, depth: Int = 0) -> xmlNodePtr? {
        if HTMLTag(node) == .body { return node }
        guard depth < 20 else { return nil }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, let found = findBody(in: current, depth: depth + 1) {
                return found
            }
            child = current.pointee.next
        }
        return nil
    }

    private static func text(of nodes: [xmlNodePtr]) -> String {
        var builder = PlainTextBuilder()
        for node in nodes {
            builder.paragraphBreak()
            builder.visit(node, depth: 0)
        }
        return builder.result()
    }

    private static func remove(_ node: xmlNodePtr) {
        xmlUnlinkNode(node)
        xmlFreeNode(node)
    }

    // MARK: - Boilerplate

    /// Elements that are never article text.
    static func isDroppedTag(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .script, .style, .noscript, .template, .nav, .header, .footer, .aside, .form, .figcaption, .iframe, .svg,
            .button, .select, .input, .textarea, .object, .embed, .canvas, .dialog, .menu, .link, .meta:
            return true
        default:
            return false
        }
    }
    static let droppedRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog", "alert",
    ]
    /// Class/id words that mark boilerplate whatever else the element says.
    static let strongNegative = [
        "related", "most-read", "mostread", "most-popular", "popular", "trending", "recommend", "promo",
        "newsletter", "sidebar", "side-bar", "comment", "footer", "breadcrumb", "outbrain", "taboola", "sponsor",
        "advert", "cookie", "subscribe", "signup", "social", "share", "sharing", "caption", "credit", "byline-share",
        "read-more", "readmore", "more-stories", "also-read", "paywall", "modal", "popup", "masthead", "widget",
    ]
    /// Class/id words that mark boilerplate unless the element also looks like content.
    static let weakNegative = ["header", "menu", "nav", "banner", "extra", "community", "pager", "pagination", "tags", "meta"]
    static let positive = ["article", "content", "story", "body", "main", "post", "entry", "text", "blog", "prose"]

    /// The class and id, lower-cased, with separators unified, as words.
    static func classWords(_ node: xmlNodePtr) -> String {
        let raw = ((attribute(node, "class") ?? "") + " " + (attribute(node, "id") ?? "")).lowercased()
        return raw.replacingOccurrences(of: "_", with: "-")
    }

    private static func matches(_ words: String, _ list: [String]) -> Bool {
        guard !words.trimmingCharacters(in: .whitespaces).isEmpty else { return false }
        let tokens = words.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" })
        return list.contains { pattern in
            tokens.contains { token in
                token == pattern || token.hasPrefix(pattern + "-") || token.hasSuffix("-" + pattern)
                    || (pattern.count >= 6 && token.contains(pattern))
            }
        }
    }

    /// What an element's class and id say: boilerplate whatever else (`strongNegative`), boilerplate
    /// unless content (`weakNegative`), content (`positive`).
    struct Hints {
        var strongNegative = false
        var weakNegative = false
        var positive = false
    }

    private static let strongNegativeBytes = strongNegative.map { Array($0.utf8) }
    private static let weakNegativeBytes = weakNegative.map { Array($0.utf8) }
    private static let positiveBytes = positive.map { Array($0.utf8) }

    /// The hints of `node`'s class and id: matched on bytes when both are ASCII (then lower-casing,
    /// splitting and comparing are byte operations), else by `classWords` and `matches`.
    static func hints(_ node: xmlNodePtr) -> Hints {
        var words: [UInt8] = []
        var ascii = true
        func append(_ value: UnsafeBufferPointer<UInt8>?) {
            for byte in value ?? UnsafeBufferPointer(start: nil, count: 0) {
                if byte >= 0x80 { ascii = false }
                words.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte == 0x5F ? 0x2D : byte)
            }
        }
        withAttribute(node, "class", append)
        words.append(0x20)
        withAttribute(node, "id", append)
        guard ascii else {
            let text = classWords(node)
            return Hints(
                strongNegative: matches(text, strongNegative), weakNegative: matches(text, weakNegative),
                positive: matches(text, positive))
        }
        // `trimmingCharacters(in: .whitespaces)` of ASCII: spaces and tabs.
        guard words.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return Hints() }
        var tokens: [ArraySlice<UInt8>] = []
        var start = 0
        for index in 0...words.count {
            let isWordByte = index < words.count
                && ((words[index] >= 0x61 && words[index] <= 0x7A) || (words[index] >= 0x30 && words[index] <= 0x39)
                    || (words[index] >= 0x41 && words[index] <= 0x5A) || words[index] == 0x2D)
            if !isWordByte {
                if index > start { tokens.append(words[start..<index]) }
                start = index + 1
            }
        }
        func matchesBytes(_ list: [[UInt8]]) -> Bool {
            list.contains { pattern in tokens.contains { token in tokenMatches(token, pattern) } }
        }
        return Hints(
            strongNegative: matchesBytes(strongNegativeBytes), weakNegative: matchesBytes(weakNegativeBytes),
            positive: matchesBytes(positiveBytes))
    }

    /// `matches`' test of one token against one pattern, on ASCII bytes.
    private static func tokenMatches(_ token: ArraySlice<UInt8>, _ pattern: [UInt8]) -> Bool {
        let t = token.count
        let p = pattern.count
        if t == p { return token.elementsEqual(pattern) }
        guard t > p else { return false }
        let base = token.startIndex
        if token[base + p] == 0x2D && token[base..<(base + p)].elementsEqual(pattern) { return true }
        if token[base + t - p - 1] == 0x2D && token[(base + t - p)...].elementsEqual(pattern) { return true }
        if p >= 6 {
            for offset in 0...(t - p) where token[(base + offset)..<(base + offset + p)].elementsEqual(pattern) {
                return true
            }
        }
        return false
    }

    static func classWeight(_ node: xmlNodePtr) -> Double {
        let hints = hints(node)
        var weight = 0.0
        if hints.strongNegative || hints.weakNegative { weight -= 25 }
        if hints.positive { weight += 25 }
        return weight
    }

    /// `value` lower-cased equals `literal` (ASCII), as `String.lowercased() ==` decides.
    private static func lowercased(_ value: UnsafeBufferPointer<UInt8>, equals literal: String) -> Bool {
        if value.contains(where: { $0 >= 0x80 }) {
            return String(decoding: value, as: UTF8.self).lowercased() == literal
        }
        return value.count == literal.utf8.count
            && zip(value, literal.utf8).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
    }

    private static func isBoilerplate(_ node: xmlNodePtr) -> Bool {
        let tag = HTMLTag(node)
        if isDroppedTag(tag) { return true }
        if tag == .body || tag == .html || tag == .main || tag == .article { return false }
        let droppedRole = withAttribute(node, "role") { value in
            guard let value else { return false }
            return droppedRoles.contains { lowercased(value, equals: $0) }
        }
        if droppedRole { return true }
        if withAttribute(node, "hidden", { $0 != nil }) { return true }
        if withAttribute(node, "aria-hidden", { $0.map { lowercased($0, equals: "true") } ?? false }) { return true }
        let hints = hints(node)
        if hints.strongNegative { return true }
        if hints.weakNegative && !hints.positive { return true }
        return false
    }

    private static func removeBoilerplate(_ node: xmlNodePtr, depth: Int = 0) {
        var child = node.pointee.children
        while let current = child {
            child = current.pointee.next
            guard current.pointee.type == XML_ELEMENT_NODE else { continue }
            if isBoilerplate(current) {
                remove(current)
            } else if depth < PlainTextBuilder.maxDepth {
                removeBoilerplate(current, depth: depth + 1)
            }
        }
    }

    /// Inside the kept content: lists and blocks that are mostly links, or say boilerplate.
    private static func removeLinkHeavyBlocks(_ node: xmlNodePtr, scorer: inout ArticleScorer, depth: Int = 0) {
        var next = node.pointee.children
        while let child = next {
            next = child.pointee.next
            guard child.pointee.type == XML_ELEMENT_NODE else { continue }
            let tag = HTMLTag(child)
            switch tag {
            case .ul, .ol, .div, .section, .table, .dl, .p:
                let stats = scorer.stats(child)
                let density = stats.length == 0 ? 0 : Double(stats.linkLength) / Double(stats.length)
                let listLike = tag == .ul || tag == .ol || tag == .dl
                if classWeight(child) < 0 && stats.commas < 10
                    || density > 0.5
                    || (listLike && density > 0.3)
                    || (tag != .p && stats.commas < 5 && density > 0.25 && stats.length < 600)
                {
                    remove(child)
                    continue
                }
            default:
                break
            }
            if depth < PlainTextBuilder.maxDepth { removeLinkHeavyBlocks(child, scorer: &scorer, depth: depth + 1) }
        }
    }
}
