internal import CLibXML2

/// The HTML element names that `HTMLText`, `ArticleExtractor` and `ArticleScorer` act on, read
/// from libxml2's C string without making a Swift string: the walks look at every element, and a
/// lower-cased `String` per element (then a hashed `Set` lookup per list) was most of their cost.
///
/// Names compare as `String.lowercased()` would: libxml2's HTML parser only makes ASCII names, and
/// anything else takes the `String` route.
enum HTMLTag: String {
    case a, address, article, aside, blockquote, body, br, button, canvas, caption, center, dd, details, dialog
    case dir, div, dl, dt, embed, fieldset, figcaption, figure, footer, form, frameset
    case h1, h2, h3, h4, h5, h6
    case head, header, hgroup, hr, html, iframe, img, input, legend, li, link, main, math, menu, meta, nav
    case noframes, noscript, object, ol, option, p, pre, script, section, select, style, summary, svg, table
    case tbody, td, template, textarea, tfoot, th, thead, title, tr, ul
    /// Any other name.
    case other

    /// The names of up to eight bytes, as little-endian words of their lower-case ASCII bytes.
    private static let byWord: [UInt64: HTMLTag] = {
        var table: [UInt64: HTMLTag] = [:]
        for tag in allTags where tag.rawValue.utf8.count <= 8 {
            var word: UInt64 = 0
            for (index, byte) in tag.rawValue.utf8.enumerated() { word |= UInt64(byte) << (8 * UInt64(index)) }
            table[word] = tag
        }
        return table
    }()

    private static let allTags: [HTMLTag] = [
        .a, .address, .article, .aside, .blockquote, .body, .br, .button, .canvas, .caption, .center, .dd, .details,
        .dialog, .dir, .div, .dl, .dt, .embed, .fieldset, .figcaption, .figure, .footer, .form, .frameset, .h1, .h2,
        .h3, .h4, .h5, .h6, .head, .header, .hgroup, .hr, .html, .iframe, .img, .input, .legend, .li, .link, .main,
        .math, .menu, .meta, .nav, .noframes, .noscript, .object, .ol, .option, .p, .pre, .script, .section, .select,
        .style, .summary, .svg, .table, .tbody, .td, .template, .textarea, .tfoot, .th, .thead, .title, .tr, .ul,
    ]

    /// The tag of an element (or `.other`; a node without a name is `.other` too).
    init(_ node: xmlNodePtr) {
        guard let name = node.pointee.name else {
            self = .other
            return
        }
        var word: UInt64 = 0
        var index = 0
        while index < 8 {
            let byte = name[index]
            if byte == 0 { break }
            if byte >= 0x80 {
                self = HTMLTag(rawValue: String(cString: name).lowercased()) ?? .other
                return
            }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            word |= UInt64(lower) << (8 * UInt64(index))
            index += 1
        }
        if index == 8 && name[8] != 0 {
            // "blockquote" and "figcaption" are the only longer names.
            let string = String(cString: name)
            if string.utf8.contains(where: { $0 >= 0x80 }) {
                self = HTMLTag(rawValue: string.lowercased()) ?? .other
            } else {
                let lower = string.lowercased()
                self = lower == "blockquote" ? .blockquote : lower == "figcaption" ? .figcaption : .other
            }
            return
        }
        self = Self.byWord[word] ?? .other
    }

    /// Block elements: a paragraph break before and after (`HTMLText`).
    var isTextBlock: Bool {
        switch self {
        case .address, .article, .aside, .blockquote, .body, .caption, .center, .dd, .details, .dialog, .dir, .div,
            .dl, .dt, .fieldset, .figcaption, .figure, .footer, .form, .h1, .h2, .h3, .h4, .h5, .h6, .header, .hgroup,
            .hr, .html, .legend, .li, .main, .menu, .nav, .ol, .p, .pre, .section, .summary, .table, .tbody, .thead,
            .tfoot, .tr, .ul, .option, .frameset, .noframes:
            return true
        default:
            return false
        }
    }

    /// Elements whose content is never text (`HTMLText`, and `ArticleScorer`'s measures).
    var isTextDropped: Bool {
        switch self {
        case .script, .style, .noscript, .template, .head, .title, .meta, .link, .iframe, .object, .embed, .svg,
            .math, .canvas, .select, .textarea, .button:
            return true
        default:
            return false
        }
    }
}
