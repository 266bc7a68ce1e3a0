internal import CLibXML2

/// Readability-style scoring of an HTML body, for `ArticleExtractor`.
struct ArticleScorer {
    /// Text measures of a subtree: visible characters (whitespace runs count once), characters
    /// inside links, and commas.
    struct Stats {
        var length = 0
        var linkLength = 0
        var commas = 0
    }

    private var statsCache: [xmlNodePtr: Stats] = [:]
    private var scores: [xmlNodePtr: Double] = [:]
    private var order: [xmlNodePtr] = []

    mutating func stats(_ node: xmlNodePtr) -> Stats {
        if let cached = statsCache[node] { return cached }
        var result = Stats()
        Self.measure(node, inLink: false, into: &result, depth: 0)
        statsCache[node] = result
        return result
    }

    /// Forgets measures (after the tree changed).
    mutating func invalidate() { statsCache = [:] }

    private static func measure(_ node: xmlNodePtr, inLink: Bool, into stats: inout Stats, depth: Int) {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    var previousSpace = true
                    var count = 0
                    var commas = 0
                    var pointer = content
                    while pointer.pointee != 0 {
                        let byte = pointer.pointee
                        let space = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
                        if space {
                            if !previousSpace { count += 1 }
                        } else if byte & 0xC0 != 0x80 {
                            count += 1
                        }
                        if byte == UInt8(ascii: ",") { commas += 1 }
                        if byte == 0xEF, pointer[1] == 0xBC, pointer[2] == 0x8C { commas += 1 }  // U+FF0C
                        previousSpace = space
                        pointer += 1
                    }
                    stats.length += count
                    stats.commas += commas
                    if inLink { stats.linkLength += count }
                }
            case XML_ELEMENT_NODE where depth < PlainTextBuilder.maxDepth:
                let tag = HTMLTag(current)
                if !tag.isTextDropped {
                    measure(current, inLink: inLink || tag == .a, into: &stats, depth: depth + 1)
                }
            default:
                break
            }
            child = current.pointee.next
        }
    }

    private static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "dl", "div", "fieldset", "figure", "footer", "form", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    ]

    private func initialScore(_ node: xmlNodePtr) -> Double {
        var score: Double
        switch ArticleExtractor.name(node) {
        case "article": score = 10
        case "main": score = 5
        case "div", "section": score = 5
        case "pre", "td", "blockquote": score = 3
        case "address", "ol", "ul", "dl", "dd", "dt", "li", "form": score = -3
        case "h1", "h2", "h3", "h4", "h5", "h6", "th": score = -5
        default: score = 0
        }
        return score + ArticleExtractor.classWeight(node)
    }

    private mutating func credit(_ node: xmlNodePtr?, _ amount: Double) {
        guard let node, node.pointee.type == XML_ELEMENT_NODE else { return }
        if scores[node] == nil {
            scores[node] = initialScore(node)
            order.append(node)
        }
        scores[node, default: 0] += amount
    }

    private func isScorable(_ node: xmlNodePtr) -> Bool {
        switch ArticleExtractor.name(node) {
        case "p", "pre", "td", "blockquote": return true
        case "div", "section", "article":
            return !ArticleExtractor.elementChildren(node).contains { Self.blockTags.contains(ArticleExtractor.name($0)) }
        default: return false
        }
    }

    private mutating func scoreParagraphs(_ node: xmlNodePtr, depth: Int) {
        for child in ArticleExtractor.elementChildren(node) {
            if isScorable(child) {
                let measures = stats(child)
                if measures.length >= 25 {
                    let score = 1 + Double(measures.commas) + min(Double(measures.length) / 100, 3)
                    let parent = child.pointee.parent
                    credit(parent, score)
                    credit(parent?.pointee.parent, score / 2)
                    credit(parent?.pointee.parent?.pointee.parent, score / 3)
                }
            }
            if depth < PlainTextBuilder.maxDepth { scoreParagraphs(child, depth: depth + 1) }
        }
    }

    private mutating func linkDensity(_ node: xmlNodePtr) -> Double {
        let measures = stats(node)
        return measures.length == 0 ? 0 : Double(measures.linkLength) / Double(measures.length)
    }

    private mutating func finalScore(_ node: xmlNodePtr) -> Double? {
        guard let score = scores[node] else { return nil }
        return score * (1 - linkDensity(node))
    }

    /// The nodes holding the article, in document order; nil when nothing scored.
    mutating func select(in body: xmlNodePtr) -> [xmlNodePtr]? {
        scoreParagraphs(body, depth: 0)
        var top: xmlNodePtr?
        var topScore = -Double.infinity
        for node in order {
            if let score = finalScore(node), score > topScore {
                top = node
                topScore = score
            }
        }
        guard let top, topScore > 0 else { return nil }
        guard let parent = top.pointee.parent, top != body else { return [top] }
        let threshold = max(10, topScore * 0.2)
        let topClass = ArticleExtractor.attribute(top, "class")
        var selection: [xmlNodePtr] = []
        for sibling in ArticleExtractor.elementChildren(parent) {
            if sibling == top {
                selection.append(sibling)
                continue
            }
            var bonus = 0.0
            if let topClass, !topClass.isEmpty, ArticleExtractor.attribute(sibling, "class") == topClass {
                bonus = topScore * 0.2
            }
            if let score = finalScore(sibling), score + bonus >= threshold {
                selection.append(sibling)
                continue
            }
            if ArticleExtractor.name(sibling) == "p" {
                let measures = stats(sibling)
                let density = linkDensity(sibling)
                if measures.length > 80 && density < 0.25 {
                    selection.append(sibling)
                } else if measures.length > 0 && measures.length <= 80 && density == 0 {
                    let text = HTMLText.plainText(fromHTMLNode: sibling)
                    if text.hasSuffix(".") || text.contains(". ") { selection.append(sibling) }
                }
            }
        }
        invalidate()
        return selection
    }
}
