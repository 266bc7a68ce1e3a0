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

    /// The names' bytes, for matching a child's local name (length and first byte first).
    private static let spellings: [(name: Name, bytes: [UInt8])] = ([
        (.title, "title"), (.guid, "guid"), (.identifier, "identifier"), (.link, "link"),
        (.description, "description"), (.summary, "summary"), (.encoded, "encoded"), (.body, "body"),
        (.fullitem, "fullitem"), (.content, "content"), (.author, "author"), (.creator, "creator"),
        (.pubDate, "pubDate"), (.date, "date"), (.issued, "issued"), (.created, "created"),
        (.published, "published"), (.modified, "modified"), (.updated, "updated"), (.category, "category"),
        (.subject, "subject"), (.group, "group"), (.id, "id"), (.source, "source"),
    ] as [(Name, String)]).map { (name: $0.0, bytes: Array($0.1.utf8)) }

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

    private static func name(_ node: xmlNodePtr) -> Name {
        guard let local = XMLNode.localName(node) else { return .other }
        let length = strlen(UnsafeRawPointer(local).assumingMemoryBound(to: CChar.self))
        let first = local.pointee
        for (name, bytes) in spellings where bytes.count == length && bytes[0] == first {
            if bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, local, length) == 0 }) { return name }
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
