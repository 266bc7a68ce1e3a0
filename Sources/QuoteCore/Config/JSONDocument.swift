import Foundation

/// Parses a JSON document into the plain values ``ConfigLoader`` validates: `[String: Any]`,
/// `[Any]`, `String`, `Bool`, `NSNumber` and `NSNull`.
///
/// Through `JSONDecoder` rather than `JSONSerialization`: the latter builds a Foundation object per
/// value, and a configuration of 100,000 statements (19 MB) took 380 MB to hold; Swift's own
/// strings, arrays and dictionaries take a fraction of that. A document that is not valid JSON is
/// read once more by `JSONSerialization`, whose message names the line and column.
enum JSONDocument {
    static func parse(_ data: Data) throws -> Any {
        do {
            // JSONDecoder lets some invalid UTF-8 and raw control characters in strings through;
            // JSONSerialization refuses both, saying where.
            guard String(validating: data, as: UTF8.self) != nil, !hasControlCharacterInString(data) else {
                throw CocoaError(.fileReadInapplicableStringEncoding)
            }
            return try JSONDecoder().decode(Value.self, from: data).value
        } catch {
            // Not valid JSON (or not decodable at all): let JSONSerialization say where.
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        }
    }

    /// Whether a string of the document holds a raw control character (U+0000 to U+001F), which
    /// JSON allows only escaped.
    static func hasControlCharacterInString(_ data: Data) -> Bool {
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte < 0x20 {
                    return true
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            }
        }
        return false
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct Value: Decodable {
        let value: Any

        init(from decoder: any Decoder) throws {
            // Strings first: most values are, and each failed guess costs a thrown error.
            let single = try decoder.singleValueContainer()
            if let string = try? single.decode(String.self) {
                value = string
            } else if let object = try? decoder.container(keyedBy: Key.self) {
                var dictionary: [String: Any] = [:]
                dictionary.reserveCapacity(object.allKeys.count)
                for key in object.allKeys {
                    dictionary[key.stringValue] = try object.decode(Value.self, forKey: key).value
                }
                value = dictionary
            } else if var array = try? decoder.unkeyedContainer() {
                var items: [Any] = []
                if let count = array.count { items.reserveCapacity(count) }
                while !array.isAtEnd { items.append(try array.decode(Value.self).value) }
                value = items
            } else if single.decodeNil() {
                value = NSNull()
            } else if let flag = try? single.decode(Bool.self) {
                value = flag
            } else if let integer = try? single.decode(Int.self) {
                value = NSNumber(value: integer)
            } else {
                value = NSNumber(value: try single.decode(Double.self))
            }
        }
    }
}
