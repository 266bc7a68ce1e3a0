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
            let body = findElement(named: "body", in: root) ?? root
            removeBoilerplate(body)
            var extractor = ArticleScorer()
            guard let selection = extractor.select(in: body) else { return text(of: [body]) }
            for node in selection { removeLinkHeavyBlocks(node, scorer: &extractor) }
            let result = text(of: selection)
            return result.isEmpty ? text(of: [body]) : result
        }
    }

    // MARK: - Tree helpers

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
    }

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

    private static func findElement(named target: String, in node: xmlNodePtr, depth: Int = 0) -> xmlNodePtr? {
        if name(node) == target { return node }
        guard depth < 20 else { return nil }
        for child in elementChildren(node) {
            if let found = findElement(named: target, in: child, depth: depth + 1) { return found }
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

    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "figcaption",
        "iframe", "svg", "button", "select", "input", "textarea", "object", "embed", "canvas", "dialog", "menu",
        "link", "meta",
    ]
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

    static func classWeight(_ node: xmlNodePtr) -> Double {
        let words = classWords(node)
        var weight = 0.0
        if matches(words, strongNegative) || matches(words, weakNegative) { weight -= 25 }
        if matches(words, positive) { weight += 25 }
        return weight
    }

    private static func isBoilerplate(_ node: xmlNodePtr) -> Bool {
        let tag = name(node)
        if droppedTags.contains(tag) { return true }
        if tag == "body" || tag == "html" || tag == "main" || tag == "article" { return false }
        if let role = attribute(node, "role")?.lowercased(), droppedRoles.contains(role) { return true }
        if attribute(node, "hidden") != nil || attribute(node, "aria-hidden")?.lowercased() == "true" { return true }
        let words = classWords(node)
        if matches(words, strongNegative) { return true }
        if matches(words, weakNegative) && !matches(words, positive) { return true }
        return false
    }

    private static func removeBoilerplate(_ node: xmlNodePtr, depth: Int = 0) {
        for child in elementChildren(node) {
            if isBoilerplate(child) {
                remove(child)
            } else if depth < PlainTextBuilder.maxDepth {
                removeBoilerplate(child, depth: depth + 1)
            }
        }
    }

    /// Inside the kept content: lists and blocks that are mostly links, or say boilerplate.
    private static func removeLinkHeavyBlocks(_ node: xmlNodePtr, scorer: inout ArticleScorer, depth: Int = 0) {
        for child in elementChildren(node) {
            let tag = name(child)
            if ["ul", "ol", "div", "section", "table", "dl", "p"].contains(tag) {
                let stats = scorer.stats(child)
                let density = stats.length == 0 ? 0 : Double(stats.linkLength) / Double(stats.length)
                let listLike = tag == "ul" || tag == "ol" || tag == "dl"
                if classWeight(child) < 0 && stats.commas < 10
                    || density > 0.5
                    || (listLike && density > 0.3)
                    || (tag != "p" && stats.commas < 5 && density > 0.25 && stats.length < 600)
                {
                    remove(child)
                    continue
                }
            }
            if depth < PlainTextBuilder.maxDepth { removeLinkHeavyBlocks(child, scorer: &scorer, depth: depth + 1) }
        }
    }
}
