import Foundation

/// A JSON value: the one type quotewatch reads JSON into (the configuration, `match`'s statements
/// and quotes, the control socket's answers) and writes every contract output from.
///
/// Objects are lists of pairs, so output reads in the order the contracts of DESIGN §3 and §5 list
/// the keys; ``rendered`` writes one line. Decoded objects hold their keys sorted (JSONDecoder does
/// not keep the document's order), and a key that occurs twice keeps one value.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int64)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A string, or null.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    /// An ISO 8601 UTC instant ("2026-11-29T23:59:00Z"), or null.
    public static func date(_ value: Date?) -> JSONValue { value.map { .string(JSONValue.iso8601($0)) } ?? .null }
    public static func int(_ value: Int?) -> JSONValue { value.map { .integer(Int64($0)) } ?? .null }

    public static func iso8601(_ date: Date) -> String { ISO8601.string(date) }

    // MARK: - Reading

    /// The member `key` of an object; nil for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The pairs of an object.
    public var objectValue: [(String, JSONValue)]? {
        if case .object(let pairs) = self { pairs } else { nil }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let values) = self { values } else { nil }
    }

    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// A JSON `true` or `false` (never a number).
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// A JSON number, whole or not (never a boolean).
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }

    /// A whole JSON number that fits an Int.
    public var intValue: Int? {
        switch self {
        case .integer(let value): Int(exactly: value)
        case .number(let value): value.isFinite && value == value.rounded() && abs(value) < 1e15 ? Int(value) : nil
        default: nil
        }
    }

    public var isNull: Bool { self == .null }

    /// What a JSON document holds, checked strictly first (``JSONSyntax``: each problem with its line
    /// and column, trailing commas refused).
    ///
    /// Decoded through `JSONDecoder` into Swift's own strings, arrays and dictionaries, not through
    /// `JSONSerialization`, which builds a Foundation object per value: a configuration of 100,000
    /// statements (19 MB) took 380 MB to hold that way. `JSONDecoder` lets some invalid UTF-8 and raw
    /// control characters in strings through; the syntax check refuses both, saying where.
    /// - Throws: ``JSONSyntax/Problem`` saying where the document breaks the grammar.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntax.Problem) -> JSONValue {
        if let problem = JSONSyntax.problem(in: bytes) { throw problem }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            // The grammar held, so only a number beyond Double's range can end here.
            throw JSONSyntax.Problem(line: 1, column: 1, message: "a value JSONDecoder cannot read: \(error)")
        }
    }

    // MARK: - Writing

    /// The value as compact JSON text on one line.
    public var rendered: String {
        var out = ""
        render(into: &out)
        return out
    }

    /// Appends the value as JSON text to `out`.
    public func render(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 { out += String(Int64(value)) } else if value.isFinite { out += String(value) } else { out += "null" }
        case .string(let value): JSONValue.escape(value, into: &out)
        case .array(let values):
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += ", " }
                value.render(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out += ", " }
                JSONValue.escape(key, into: &out)
                out += ": "
                value.render(into: &out)
            }
            out += "}"
        }
    }

    /// `string` as a JSON string literal: quotes, backslashes and control characters escaped, and
    /// U+2028/U+2029, which JavaScript reads as line ends.
    public static func escape(_ string: String, into out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    // MARK: - Equality

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)): Double(a) == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .integer, .number: hasher.combine(doubleValue)
        case .array(let values): hasher.combine(values)
        case .object(let pairs):
            for (key, value) in pairs {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }
}

extension JSONValue: Decodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        // Strings first: most values are, and each failed guess costs a thrown error.
        let single = try decoder.singleValueContainer()
        if let string = try? single.decode(String.self) {
            self = .string(string)
        } else if let object = try? decoder.container(keyedBy: Key.self) {
            let keys = object.allKeys.sorted { $0.stringValue < $1.stringValue }
            var pairs: [(String, JSONValue)] = []
            pairs.reserveCapacity(keys.count)
            for key in keys {
                pairs.append((key.stringValue, try object.decode(JSONValue.self, forKey: key)))
            }
            self = .object(pairs)
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            if let count = array.count { items.reserveCapacity(count) }
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
        } else if single.decodeNil() {
            self = .null
        } else if let flag = try? single.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? single.decode(Int64.self) {
            self = .integer(integer)
        } else {
            self = .number(try single.decode(Double.self))
        }
    }
}
