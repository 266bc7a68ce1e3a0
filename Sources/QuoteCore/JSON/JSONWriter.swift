import Foundation

/// JSON written straight into a byte buffer, member by member, in the layout of ``JSONValue``'s
/// writer (", " between members and elements, ": " after a key) and through its escaping: for
/// outputs whose shape is fixed and large (`parse --json` writes every item of every feed), where
/// building a ``JSONValue`` first cost an allocation per value.
///
/// The caller opens and closes the containers; the writer puts the separators: one flag per open
/// container says whether something was written in it yet.
public struct JSONWriter {
    public var bytes: [UInt8]
    /// Whether the innermost open container (or the top level) holds a value already.
    private var written = false
    /// The same flag for each enclosing container, innermost last.
    private var enclosing: [Bool] = []

    /// Writes after what `bytes` holds.
    public init(appendingTo bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    private mutating func separate() {
        if written { bytes.append(contentsOf: ", ".utf8) }
        written = true
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ mark: UInt8) {
        separate()
        bytes.append(mark)
        enclosing.append(written)
        written = false
    }

    private mutating func close(_ mark: UInt8) {
        bytes.append(mark)
        written = enclosing.removeLast()
    }

    /// A member's key; its value is what is written next.
    public mutating func key(_ name: String) {
        separate()
        JSONValue.escape(name, into: &bytes)
        bytes.append(contentsOf: ": ".utf8)
        // The value that follows takes no separator of its own.
        written = false
    }

    /// The value after a key, or an element of an array.
    private mutating func scalar(_ write: (inout [UInt8]) -> Void) {
        separate()
        write(&bytes)
    }

    public mutating func string(_ value: String?) {
        scalar { out in
            if let value { JSONValue.escape(value, into: &out) } else { out.append(contentsOf: "null".utf8) }
        }
    }

    public mutating func bool(_ value: Bool) {
        scalar { $0.append(contentsOf: value ? "true".utf8 : "false".utf8) }
    }

    /// An ISO 8601 UTC instant, or null (``JSONValue/date(_:)``).
    public mutating func date(_ value: Date?) {
        string(value.map(ISO8601.string))
    }

    /// Any value, as ``JSONValue/write(to:)`` writes it.
    public mutating func value(_ value: JSONValue) {
        scalar { value.write(to: &$0) }
    }

    /// `key` and then `value`.
    public mutating func member(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }
}
