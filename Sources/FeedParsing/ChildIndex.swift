import Foundation
internal import CLibXML2

/// The element children of one element (an RSS item, an Atom entry), read once: each child's local
/// name as one of the names the parsers look up and its namespace as `NamespaceClasses` bits, so the
/// thirty-odd lookups of an item scan a small array of integers instead of comparing C strings over
/// every child each time. Answers as `XMLNode.firstChild(_:where:)` does: children in document order,
/// matched by local name (`XMLNode.localName`) and namespace.
struct ChildIndex {
    /// The local names looked up in items and entries; `other` is any other name (never looked up).
    enum Name: UInt8 {
        case other, title, guid, identifier, link, description, summary, encoded, body, fullitem, content
        case author, creator, pubDate, date, issued, created, published, modified, updated, category
        case subject, group, id, source
    }

    private struct Entry {
        let node: xmlNodePtr
        let name: Name
        let bits: UInt16
    }

    private let entries: [Entry]
    private let document: XMLDocument

    init(_ element: XMLNode, classes: NamespaceClasses) {
        document = element.document
        var entries: [Entry] = []
        var child = element.pointer.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE {
                entries.append(Entry(node: node, name: Self.name(node), bits: classes.bits(node)))
            }
            child = node.pointee.next
        }
        self.entries = entries
    }

    /// The child's name, by its length and then its bytes (no allocation, no array walked).
    private static func name(_ node: xmlNodePtr) -> Name {
        guard let local = XMLNode.localName(node) else { return .other }
        let length = strlen(UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self))
        func matches(_ spelling: StaticString) -> Bool {
            spelling.utf8Start.pointee == local.pointee && memcmp(spelling.utf8Start, local, length) == 0
        }
        switch length {
        case 2: if matches("id") { return .id }
        case 4:
            if matches("link") { return .link }
            if matches("guid") { return .guid }
            if matches("date") { return .date }
            if matches("body") { return .body }
        case 5:
            if matches("title") { return .title }
            if matches("group") { return .group }
        case 6:
            if matches("author") { return .author }
            if matches("issued") { return .issued }
            if matches("source") { return .source }
        case 7:
            if matches("pubDate") { return .pubDate }
            if matches("content") { return .content }
            if matches("creator") { return .creator }
            if matches("updated") { return .updated }
            if matches("summary") { return .summary }
            if matches("encoded") { return .encoded }
            if matches("created") { return .created }
            if matches("subject") { return .subject }
        case 8:
            if matches("category") { return .category }
            if matches("modified") { return .modified }
            if matches("fullitem") { return .fullitem }
        case 9: if matches("published") { return .published }
        case 10: if matches("identifier") { return .identifier }
        case 11: if matches("description") { return .description }
        default: break
        }
        return .other
    }

    /// The first child named `name` whose namespace has one of `bits`.
    func first(_ name: Name, _ bits: UInt16) -> XMLNode? {
        for entry in entries where entry.name == name && entry.bits & bits != 0 {
            return XMLNode(pointer: entry.node, document: document)
        }
        return nil
    }

    /// The children named `name` whose namespace has one of `bits`, in order.
    func all(_ name: Name, _ bits: UInt16) -> [XMLNode] {
        var result: [XMLNode] = []
        for entry in entries where entry.name == name && entry.bits & bits != 0 {
            result.append(XMLNode(pointer: entry.node, document: document))
        }
        return result
    }
}
