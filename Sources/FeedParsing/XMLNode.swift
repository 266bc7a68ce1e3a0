import Foundation
internal import CLibXML2

/// A node of an `XMLDocument` (XML or HTML). Holds its document so the tree outlives every node
/// handed out, as Fuzi's elements do.
///
/// Text is gathered by hand rather than with `xmlNodeGetContent`: libxml2 expands entity references
/// there without limit, and a billion-laughs document would make that exponential. Here every read
/// has a budget (`TextBudget`) and a nesting limit.
struct XMLNode {
    let pointer: xmlNodePtr
    let document: XMLDocument

    /// The most characters a single text read gathers, and the deepest entity nesting it follows.
    static let maxTextBytes = 8 << 20
    static let maxEntityDepth = 8

    var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The local name (without prefix). An undeclared prefix, which libxml2 keeps in the name when
    /// it recovers, is dropped too.
    var name: String {
        guard let local = Self.localName(pointer) else { return "" }
        return String(cString: local)
    }

    /// The namespace URI, nil for no namespace.
    var namespace: String? {
        guard let ns = pointer.pointee.ns, let href = ns.pointee.href else { return nil }
        return String(cString: href)
    }

    /// The element children, in order.
    var elements: [XMLNode] {
        var result: [XMLNode] = []
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { result.append(XMLNode(pointer: node, document: document)) }
            child = node.pointee.next
        }
        return result
    }

    /// Whether any child is an element (then the content is markup, not text).
    var hasElementChildren: Bool {
        var child = pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { return true }
            child = node.pointee.next
        }
        return false
    }

    // MARK: - Child lookup without Swift strings
    //
    // Lookups compare libxml2's C strings in place (the local name, then the namespace URI), so
    // finding a child allocates nothing; an `XMLNode` is made only for the match.

    /// The local name as libxml2 stores it: after the last `:` when the element has no namespace.
    static func localName(_ node: xmlNodePtr) -> UnsafePointer<xmlChar>? {
        guard let raw = node.pointee.name else { return nil }
        if node.pointee.ns == nil,
            let colon = strrchr(UnsafeRawPointer(raw).assumingMemoryBound(to: CChar.self), Int32(UInt8(ascii: ":")))
        {
            return UnsafeRawPointer(colon + 1).assumingMemoryBound(to: xmlChar.self)
        }
        return raw
    }

    /// Whether the element's local name is `name` (a NUL-terminated C string).
    static func hasLocalName(_ node: xmlNodePtr, _ name: UnsafePointer<CChar>) -> Bool {
        guard let local = localName(node) else { return name.pointee == 0 }
        return strcmp(UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self), name) == 0
    }

    /// Whether the element's namespace URI is `namespace` (nil: no namespace).
    static func hasNamespace(_ node: xmlNodePtr, _ namespace: String?) -> Bool {
        let href = node.pointee.ns?.pointee.href
        guard let namespace else { return href == nil }
        guard let href else { return false }
        return namespace.utf8.withContiguousStorageIfAvailable { utf8 in
            utf8.count == strlen(UnsafeRawPointer(href).assumingMemoryBound(to: CChar.self))
                && (utf8.isEmpty || memcmp(utf8.baseAddress!, href, utf8.count) == 0)
        } ?? (String(cString: href) == namespace)
    }

    /// Whether the element's namespace URI is one of `namespaces` (never true without a namespace).
    static func hasNamespace(_ node: xmlNodePtr, in namespaces: Set<String>) -> Bool {
        guard node.pointee.ns?.pointee.href != nil else { return false }
        return namespaces.contains { hasNamespace(node, $0) }
    }

    /// The first child element with this local name whose namespace passes `accept`.
    func firstChild(_ name: String, where accept: (xmlNodePtr) -> Bool) -> XMLNode? {
        name.withCString { cName in
            var child = pointer.pointee.children
            while let node = child {
                if node.pointee.type == XML_ELEMENT_NODE, Self.hasLocalName(node, cName), accept(node) {
                    return XMLNode(pointer: node, document: document)
                }
                child = node.pointee.next
            }
            return nil
        }
    }

    /// The child elements with this local name whose namespace passes `accept`.
    func children(_ name: String, where accept: (xmlNodePtr) -> Bool) -> [XMLNode] {
        name.withCString { cName in
            var result: [XMLNode] = []
            var child = pointer.pointee.children
            while let node = child {
                if node.pointee.type == XML_ELEMENT_NODE, Self.hasLocalName(node, cName), accept(node) {
                    result.append(XMLNode(pointer: node, document: document))
                }
                child = node.pointee.next
            }
            return result
        }
    }

    /// The first child element with this local name and namespace.
    func first(_ name: String, _ namespace: String?) -> XMLNode? {
        firstChild(name) { Self.hasNamespace($0, namespace) }
    }

    /// All child elements with this local name and namespace.
    func all(_ name: String, _ namespace: String?) -> [XMLNode] {
        children(name) { Self.hasNamespace($0, namespace) }
    }

    /// An attribute's value; `namespace` nil means an attribute without namespace.
    func attribute(_ name: String, namespace: String? = nil) -> String? {
        let attr: xmlAttrPtr? = namespace.map { xmlHasNsProp(pointer, name, $0) } ?? xmlHasNsProp(pointer, name, nil)
        guard let attr else { return nil }
        var budget = TextBudget()
        var bytes: [UInt8] = []
        Self.gatherText(attr.pointee.children, into: &bytes, budget: &budget, depth: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// All descendant text (text, CDATA and the content of declared entities), unchanged.
    var text: String {
        // The common case, one text or CDATA child: decoded straight from libxml2's buffer.
        if let child = pointer.pointee.children, child.pointee.next == nil,
            child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE,
            let content = child.pointee.content
        {
            let count = min(strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)), Self.maxTextBytes)
            return String(decoding: UnsafeBufferPointer(start: content, count: count), as: UTF8.self)
        }
        var budget = TextBudget()
        var bytes: [UInt8] = []
        Self.gatherText(pointer.pointee.children, into: &bytes, budget: &budget, depth: 0)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The children serialized as HTML markup (elements by local name, text escaped): used for
    /// RSS descriptions written as raw markup and for Atom `type="xhtml"` content.
    var innerHTML: String {
        var budget = TextBudget()
        var out: [UInt8] = []
        Self.serialize(pointer.pointee.children, into: &out, budget: &budget, depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// The base URI in effect at this node: the chain of `xml:base` over the document URL.
    var baseURI: String? {
        guard let base = xmlNodeGetBase(document.pointer, pointer) else { return nil }
        defer { qw_xmlFree(base) }
        return String(cString: base)
    }

    /// The `xml:lang` in effect at this node.
    var language: String? {
        guard let lang = xmlNodeGetLang(pointer) else { return nil }
        defer { qw_xmlFree(lang) }
        return String(cString: lang)
    }

    /// Resolves `reference` against this node's base URI (RFC 3986 via libxml2's `xmlBuildURI`).
    func resolve(_ reference: String) -> String {
        guard let base = baseURI, !base.isEmpty else { return reference }
        return Self.resolve(reference, against: base)
    }

    /// Resolves `reference` against an absolute `base` (RFC 3986 via libxml2's `xmlBuildURI`).
    static func resolve(_ reference: String, against base: String) -> String {
        guard let built = xmlBuildURI(reference, base) else { return reference }
        defer { qw_xmlFree(built) }
        return String(cString: built)
    }

    // MARK: - Budgeted walks

    struct TextBudget {
        var remaining = XMLNode.maxTextBytes
        /// Element nesting of the walk in progress; deeper trees are cut off (no stack overflow).
        var nesting = 0
        static let maxNesting = 1000
    }

    private static func append(_ content: UnsafePointer<xmlChar>?, into bytes: inout [UInt8], budget: inout TextBudget) {
        guard let content, budget.remaining > 0 else { return }
        let count = min(strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self)), budget.remaining)
        bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: count))
        budget.remaining -= count
    }

    /// Follows an entity reference to its parsed content (the reference's child is the declaration).
    private static func entityContent(_ node: xmlNodePtr) -> xmlNodePtr? {
        guard let declaration = node.pointee.children, declaration.pointee.type == XML_ENTITY_DECL else { return nil }
        return declaration.pointee.children
    }

    static func gatherText(_ first: xmlNodePtr?, into bytes: inout [UInt8], budget: inout TextBudget, depth: Int) {
        var current = first
        while let node = current, budget.remaining > 0 {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                append(node.pointee.content, into: &bytes, budget: &budget)
            case XML_ELEMENT_NODE where budget.nesting < TextBudget.maxNesting:
                budget.nesting += 1
                gatherText(node.pointee.children, into: &bytes, budget: &budget, depth: depth)
                budget.nesting -= 1
            case XML_ENTITY_REF_NODE:
                if depth < maxEntityDepth {
                    gatherText(entityContent(node), into: &bytes, budget: &budget, depth: depth + 1)
                }
            default:
                break
            }
            current = node.pointee.next
        }
    }

    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    private static func appendEscaped(_ string: String, into out: inout [UInt8], budget: inout TextBudget, attribute: Bool) {
        var string = string
        string.withUTF8 { appendEscaped($0, into: &out, budget: &budget, attribute: attribute) }
    }

    private static let escapedAmpersand: [UInt8] = Array("&amp;".utf8)
    private static let escapedLess: [UInt8] = Array("&lt;".utf8)
    private static let escapedGreater: [UInt8] = Array("&gt;".utf8)
    private static let escapedQuote: [UInt8] = Array("&quot;".utf8)

    /// Appends `bytes` escaped, as far as the budget goes (one unit per input byte); runs without
    /// anything to escape are copied in one piece.
    private static func appendEscaped(
        _ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], budget: inout TextBudget, attribute: Bool
    ) {
        let count = min(bytes.count, max(budget.remaining, 0))
        var copied = 0
        for index in 0..<count {
            let replacement: [UInt8]
            switch bytes[index] {
            case UInt8(ascii: "&"): replacement = escapedAmpersand
            case UInt8(ascii: "<"): replacement = escapedLess
            case UInt8(ascii: ">"): replacement = escapedGreater
            case UInt8(ascii: "\"") where attribute: replacement = escapedQuote
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
            out.append(contentsOf: replacement)
            copied = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count]))
        budget.remaining -= count
    }

    /// Namespaces whose elements are written as plain HTML (no `xmlns`): none, XHTML, and the feed
    /// vocabularies (raw markup in an Atom `summary` inherits the Atom default namespace).
    private static let htmlNamespaces: Set<String> = [
        FeedNamespace.xhtml, FeedNamespace.atom10, FeedNamespace.atom03, FeedNamespace.rss10, FeedNamespace.rss090,
    ]

    /// Serializes a sibling list as HTML. Elements of other vocabularies (SVG, MathML) get an
    /// `xmlns` where their namespace starts, and prefixed attributes (`xlink:href`) keep their
    /// prefix with an `xmlns:prefix` declaration where it is first used.
    static func serialize(
        _ first: xmlNodePtr?, into out: inout [UInt8], budget: inout TextBudget, depth: Int,
        defaultNamespace: String? = nil, declaredPrefixes: [String] = []
    ) {
        var current = first
        while let node = current, budget.remaining > 0 {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    let length = strlen(UnsafeRawPointer(content).assumingMemoryBound(to: CChar.self))
                    appendEscaped(
                        UnsafeBufferPointer(start: content, count: length), into: &out, budget: &budget, attribute: false)
                }
            case XML_ENTITY_REF_NODE:
                if depth < maxEntityDepth {
                    serialize(
                        entityContent(node), into: &out, budget: &budget, depth: depth + 1,
                        defaultNamespace: defaultNamespace, declaredPrefixes: declaredPrefixes)
                }
            case XML_ELEMENT_NODE where budget.nesting < TextBudget.maxNesting:
                let name = node.pointee.name.map { String(cString: $0) } ?? ""
                out.append(UInt8(ascii: "<"))
                out.append(contentsOf: Array(name.utf8))
                var elementNamespace = node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
                if let namespace = elementNamespace, htmlNamespaces.contains(namespace) { elementNamespace = nil }
                if elementNamespace != defaultNamespace {
                    appendAttribute("xmlns", elementNamespace ?? FeedNamespace.xhtml, into: &out, budget: &budget)
                }
                var prefixes = declaredPrefixes
                var attr = node.pointee.properties
                while let attribute = attr {
                    var attrName = attribute.pointee.name.map { String(cString: $0) } ?? ""
                    if let ns = attribute.pointee.ns, let prefix = ns.pointee.prefix {
                        let prefixString = String(cString: prefix)
                        attrName = prefixString + ":" + attrName
                        if prefixString != "xml", !prefixes.contains(prefixString), let href = ns.pointee.href {
                            prefixes.append(prefixString)
                            appendAttribute("xmlns:" + prefixString, String(cString: href), into: &out, budget: &budget)
                        }
                    }
                    var value: [UInt8] = []
                    var attrBudget = TextBudget(remaining: min(budget.remaining, 1 << 20))
                    gatherText(attribute.pointee.children, into: &value, budget: &attrBudget, depth: depth)
                    appendAttribute(attrName, String(decoding: value, as: UTF8.self), into: &out, budget: &budget)
                    attr = attribute.pointee.next
                }
                if node.pointee.children == nil && voidElements.contains(name.lowercased()) {
                    out.append(contentsOf: Array(" />".utf8))
                } else {
                    out.append(UInt8(ascii: ">"))
                    budget.nesting += 1
                    serialize(
                        node.pointee.children, into: &out, budget: &budget, depth: depth,
                        defaultNamespace: elementNamespace, declaredPrefixes: prefixes)
                    budget.nesting -= 1
                    out.append(contentsOf: Array("</\(name)>".utf8))
                }
            default:
                break
            }
            current = node.pointee.next
        }
    }

    private static func appendAttribute(_ name: String, _ value: String, into out: inout [UInt8], budget: inout TextBudget) {
        out.append(UInt8(ascii: " "))
        out.append(contentsOf: Array(name.utf8))
        out.append(contentsOf: Array("=\"".utf8))
        appendEscaped(value, into: &out, budget: &budget, attribute: true)
        out.append(UInt8(ascii: "\""))
    }
}
