import Foundation
internal import CLibXML2

/// HTML to plain text, the format every later stage (quote extraction, offsets) reads.
///
/// Block elements become paragraphs separated by a blank line, `<br>` a line break; scripts, styles
/// and templates are dropped; inline markup disappears without gluing or splitting words; entities
/// are decoded by libxml2's HTML parser; whitespace runs (including no-break spaces) collapse to one
/// space inside a paragraph.
public enum HTMLText {
    /// HTML fragment or document → plain text: block elements (p, div, li, h1-6, blockquote, tr,
    /// section, article, figure...) become paragraphs separated by "\n\n", `<br>` becomes "\n";
    /// script/style/noscript/template dropped; inline markup removed without gluing words
    /// ("<b>a</b><i>b</i>" stays "ab" but "a<br>b" and "</p><p>" separate); entities decoded
    /// (including `&nbsp;` `&rsquo;`); runs of whitespace inside a paragraph collapsed to one space; trimmed.
    public static func plainText(fromHTML html: String) -> String {
        guard FeedParser.utf8Contains(html, UInt8(ascii: "<")) || FeedParser.utf8Contains(html, UInt8(ascii: "&")) else {
            var builder = PlainTextBuilder()
            builder.text(html)
            return builder.result()
        }
        guard let document = XMLDocument.parseHTML(Array(html.utf8), encoding: "UTF-8") else { return "" }
        var builder = PlainTextBuilder()
        builder.walk(xmlDocGetRootElement(document.pointer), depth: 0)
        return withExtendedLifetime(document) { builder.result() }
    }

    /// The plain text of one node of a parsed HTML tree.
    static func plainText(fromHTMLNode node: xmlNodePtr) -> String {
        var builder = PlainTextBuilder()
        builder.visit(node, depth: 0)
        return builder.result()
    }

    static let blockElements: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "option", "frameset", "noframes",
    ]

    static let droppedElements: Set<String> = [
        "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object", "embed",
        "svg", "math", "canvas", "select", "textarea", "button",
    ]
}

/// Accumulates paragraphs of plain text while walking an HTML tree.
struct PlainTextBuilder {
    private var paragraphs: [String] = []
    private var current = ""
    private var pendingSpace = false
    static let maxDepth = 800

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\u{0C}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{FEFF}": return true
        default: return false
        }
    }

    mutating func text(_ string: String) {
        for scalar in string.unicodeScalars {
            if Self.isSpace(scalar) {
                if !current.isEmpty && current.last != "\n" { pendingSpace = true }
            } else {
                if pendingSpace { current.append(" ") }
                pendingSpace = false
                current.unicodeScalars.append(scalar)
            }
        }
    }

    mutating func lineBreak() {
        pendingSpace = false
        while current.last == " " { current.removeLast() }
        if !current.isEmpty { current.append("\n") }
    }

    mutating func paragraphBreak() {
        pendingSpace = false
        let trimmed = current.trimmingNewlinesAndSpaces()
        if !trimmed.isEmpty { paragraphs.append(trimmed) }
        current = ""
    }

    mutating func result() -> String {
        paragraphBreak()
        return paragraphs.joined(separator: "\n\n")
    }

    /// Walks `node` and its following siblings.
    mutating func walk(_ first: xmlNodePtr?, depth: Int) {
        var current = first
        while let node = current {
            visit(node, depth: depth)
            current = node.pointee.next
        }
    }

    /// One node and its subtree.
    mutating func visit(_ node: xmlNodePtr, depth: Int) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { text(String(cString: content)) }
        case XML_ELEMENT_NODE:
            let name = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
            if HTMLText.droppedElements.contains(name) { return }
            if name == "br" {
                lineBreak()
                return
            }
            if name == "td" || name == "th" { if !self.current.isEmpty { pendingSpace = true } }
            let isBlock = HTMLText.blockElements.contains(name)
            if isBlock { paragraphBreak() }
            if depth < Self.maxDepth { walk(node.pointee.children, depth: depth + 1) }
            if isBlock { paragraphBreak() }
            if name == "img" || name == "td" || name == "th" { if !self.current.isEmpty { pendingSpace = true } }
        default:
            break
        }
    }
}

extension String {
    /// Trims spaces and newlines at both ends, and spaces next to inner newlines.
    func trimmingNewlinesAndSpaces() -> String {
        let lines = self.split(separator: "\n", omittingEmptySubsequences: false).map {
            TextTrimming.trim(String($0))
        }
        var joined = lines.joined(separator: "\n")
        while joined.first == "\n" || joined.first == " " { joined.removeFirst() }
        while joined.last == "\n" || joined.last == " " { joined.removeLast() }
        return joined
    }
}
