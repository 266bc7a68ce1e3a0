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
        var html = html
        return html.withUTF8 { utf8 in
            var builder = PlainTextBuilder()
            guard let base = utf8.baseAddress,
                memchr(base, Int32(UInt8(ascii: "<")), utf8.count) != nil
                    || memchr(base, Int32(UInt8(ascii: "&")), utf8.count) != nil
            else {
                builder.text(utf8: utf8)
                return builder.result()
            }
            guard let document = XMLDocument.parseHTML(utf8, encoding: "UTF-8") else { return "" }
            builder.walk(xmlDocGetRootElement(document.pointer), depth: 0)
            return withExtendedLifetime(document) { builder.result() }
        }
    }

    /// The plain text of one node of a parsed HTML tree.
    static func plainText(fromHTMLNode node: xmlNodePtr) -> String {
        var builder = PlainTextBuilder()
        builder.visit(node, depth: 0)
        return builder.result()
    }
}
