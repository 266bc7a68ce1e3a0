internal import CLibXML2

/// Readability-style scoring of an HTML body, for `ArticleExtractor`.
///
/// The text measures of every element are taken in one walk of the tree, bottom-up (an element's
/// measures are its text's and its children's), instead of one walk of each subtree asked about.
struct ArticleScorer {
    /// Text measures of a subtree: visible characters (whitespace runs count once), characters
    /// inside links, and commas.
    struct Stats {
        var length = 0
        var linkLength = 0
        var commas = 0
    }

    /// The measures of every element under the root measured, when its tree is shallow enough for
    /// one walk to give what a walk from each element would (the walks stop `maxDepth` below where
    /// they start); else empty, and each element is measured when asked, as it was.
    private var allStats: [xmlNodePtr: Stats] = [:]
    private var statsCache: [xmlNodePtr: Stats] = [:]
    private var scores: [xmlNodePtr: Double] = [:]
    private var order: [xmlNodePtr] = []

    /// Measures every element under `root` (inclusive), in one walk.
    init(measuring root: xmlNodePtr) {
        var all: [xmlNodePtr: Stats] = [:]
        if Self.measureAll(root, into: &all, depth: 0) != nil { allStats = all }
    }

    /// The measures of `node`, recording those of every element below it; nil when the tree goes
    /// deeper than a walk from its top would follow.
    private static func measureAll(_ node: xmlNodePtr, into all: inout [xmlNodePtr: Stats], depth: Int) -> Stats? {
        var result = Stats()
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let (count, commas) = measureText(content)
                    result.length += count
                    result.commas += commas
                }
            case XML_ELEMENT_NODE:
                guard depth < PlainTextBuilder.maxDepth - 1 else { return nil }
                guard let stats = measureAll(current, into: &all, depth: depth + 1) else { return nil }
                let tag = HTMLTag(current)
                if !tag.isTextDropped {
                    result.length += stats.length
                    result.commas += stats.commas
                    result.linkLength += tag == .a ? stats.length : stats.linkLength
                }
            default:
                break
            }
            child = current.pointee.next
        }
        all[node] = result
        return result
    }

    mutating func stats(_ node: xmlNodePtr) -> Stats {
        if let measured = allStats[node] { return measured }
        if let cached = statsCache[node] { return cached }
        var result = Stats()
        Self.measure(node, inLink: false, into: &result, depth: 0)
        statsCache[node] = result
        return result
    }

    /// Forgets measures (after the tree changed).
    mutating func invalidate() { statsCache = [:] }

    /// The visible characters and commas of one text node.
    private static func measureText(_ content: UnsafePointer<xmlChar>) -> (count: Int, commas: Int) {
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
        return (count, commas)
    }

    private static func measure(_ node: xmlNodePtr, inLink: Bool, into stats: inout Stats, depth: Int) {
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let (count, commas) = measureText(content)
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

    private static func isBlock(_ tag: HTMLTag) -> Bool {
        switch tag {
        case .address, .article, .aside, .blockquote, .dl, .div, .fieldset, .figure, .footer, .form, .h1, .h2, .h3,
            .h4, .h5, .h6, .header, .hr, .main, .nav, .ol, .p, .pre, .section, .table, .ul:
            return true
        default:
            return false
        }
    }

    private func initialScore(_ node: xmlNodePtr) -> Double {
        var score: Double
        switch HTMLTag(node) {
        case .article: score = 10
        case .main: score = 5
        case .div, .section: score = 5
        case .pre, .td, .blockquote: score = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score = -5
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

    private func isScorable(_ node: xmlNodePtr, _ tag: HTMLTag) -> Bool {
        switch tag {
        case .p, .pre, .td, .blockquote: return true
        case .div, .section, .article:
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, Self.isBlock(HTMLTag(current)) { return false }
                child = current.pointee.next
            }
            return true
        default: return false
        }
    }

    private mutating func scoreParagraphs(_ node: xmlNodePtr, depth: Int) {
        var next = node.pointee.children
        while let child = next {
            next = child.pointee.next
            guard child.pointee.type == XML_ELEMENT_NODE else { continue }
            if isScorable(child, HTMLTag(child)) {
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
            if HTMLTag(sibling) == .p {
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
