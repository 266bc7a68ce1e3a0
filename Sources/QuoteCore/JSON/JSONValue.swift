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
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value as JSON text (UTF-8, one line) to `out`: the one writer of every contract
    /// output. Strings are escaped on their bytes, copying the runs that need no escape whole.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: value ? "true".utf8 : "false".utf8)
        case .integer(let value): out.append(contentsOf: String(value).utf8)
        case .number(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
                out.append(contentsOf: String(Int64(value)).utf8)
            } else if value.isFinite {
                out.append(contentsOf: String(value).utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .string(let value): JSONValue.escape(value, into: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(contentsOf: ", ".utf8) }
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { out.append(contentsOf: ", ".utf8) }
                JSONValue.escape(key, into: &out)
                out.append(contentsOf: ": ".utf8)
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The high bit of each of the eight bytes of `word` (little-endian) that is below 0x20, `"`,
    /// `\\` or 0xE2 (the lead byte of U+2028 and U+2029), exact up to the first such byte (SWAR: a
    /// borrow can flag bytes after a true one, never before it); 0 when none is.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func zeroBytes(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
        let below = (word &- ones &* 0x20) & ~word & highs
        return below | zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C)) | zeroBytes(word ^ (ones &* 0xE2))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// `string` as a JSON string literal.
    public static func escape(_ string: String) -> String {
        var out: [UInt8] = []
        escape(string, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `string` as a JSON string literal: quotes, backslashes and control characters
    /// escaped, and U+2028/U+2029, which JavaScript reads as line ends.
    public static func escape(_ string: String, into out: inout [UInt8]) {
        var string = string
        out.append(UInt8(ascii: "\""))
        string.withUTF8 { bytes in
            var run = 0
            var index = 0
            let count = bytes.count
            func flush(to end: Int) {
                if end > run { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<end])) }
            }
            while index < count {
                // Eight bytes at a time while none of them needs a look (SWAR: "has a byte below
                // 0x20" and "has a byte equal to" tests on one 64-bit word), and then straight to
                // the first that may.
                if index + 8 <= count {
                    let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                    let special = JSONValue.specialBytes(word)
                    if special == 0 {
                        index += 8
                        continue
                    }
                    index += special.trailingZeroBitCount >> 3
                }
                let byte = bytes[index]
                // Most bytes: printable ASCII other than " and \, or UTF-8 other than E2 80 A8/A9.
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0xE2 {
                    index += 1
                    continue
                }
                if byte == 0xE2 {
                    guard index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 else {
                        index += 1
                        continue
                    }
                    flush(to: index)
                    out.append(contentsOf: (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 3
                    run = index
                    continue
                }
                flush(to: index)
                switch byte {
                case 0x22: out.append(contentsOf: "\\\"".utf8)
                case 0x5C: out.append(contentsOf: "\\\\".utf8)
                case 0x0A: out.append(contentsOf: "\\n".utf8)
                case 0x0D: out.append(contentsOf: "\\r".utf8)
                case 0x09: out.append(contentsOf: "\\t".utf8)
                default:
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(JSONValue.hexDigit(byte >> 4))
                    out.append(JSONValue.hexDigit(byte & 0x0F))
                }
                index += 1
                run = index
            }
            flush(to: count)
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: - Equality

    /// Equal as JSON values: numbers by value (1 and 1.0 alike), objects whatever their members'
    /// order; the writer's order is a matter of output, not of value.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.integer(let a), .number(let b)), (.number(let b), .integer(let a)): Double(a) == b
        case (.array(let a), .array(let b)): a == b
        // JSON objects are unordered: the same members in another order are the same object.
        case (.object(let a), .object(let b)): a.count == b.count && a.allSatisfy { key, value in rhs[key] == value }
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
            // Order-independent, as equality is.
            var sum = 0
            for (key, value) in pairs {
                var member = Hasher()
                member.combine(key)
                member.combine(value)
                sum &+= member.finalize()
            }
            hasher.combine(sum)
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
