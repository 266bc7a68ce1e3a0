/// Strict JSON syntax (RFC 8259) over a document's bytes, for the configuration's error messages:
/// the first problem with its line and column ("line 12, column 5: a trailing comma before }"),
/// where Foundation's parsers say "around character 410" or accept trailing commas outright.
/// Only the syntax: what the values mean is `ConfigLoader`'s.
public enum JSONSyntax {
    /// Where the document first breaks the grammar, and how; nil for well-formed JSON.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }

        public init(line: Int, column: Int, message: String) {
            self.line = line
            self.column = column
            self.message = message
        }
    }

    /// The deepest nesting accepted.
    static let maxDepth = 256

    public static func problem(in bytes: [UInt8]) -> Problem? {
        var scanner = Scanner(bytes: bytes)
        // JSON text is UTF-8 (RFC 8259 §8.1); JSONDecoder lets some invalid sequences through.
        if String(validating: bytes, as: UTF8.self) == nil {
            var iterator = bytes.makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            while case .valid(let scalar) = parser.parseScalar(from: &iterator) { scanner.index += scalar.count }
            return scanner.fail("bytes that are not UTF-8")
        }
        do throws(Problem) {
            scanner.skipSpace()
            try scanner.value(depth: 0)
            scanner.skipSpace()
            if scanner.index < bytes.count { throw scanner.fail("more text after the JSON value") }
            return nil
        } catch {
            return error
        }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        func fail(_ message: String) -> Problem {
            var line = 1, column = 1
            for byte in bytes[..<min(index, bytes.count)] {
                if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
            }
            return Problem(line: line, column: column, message: message)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func value(depth: Int) throws(Problem) {
            guard depth < JSONSyntax.maxDepth else { throw fail("nested more than \(JSONSyntax.maxDepth) deep") }
            guard let byte = current else { throw fail("the document ends where a value should be") }
            switch byte {
            case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), depth: depth, keyed: true)
            case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), depth: depth, keyed: false)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: throw fail("unexpected \(shown(byte)) where a value should be")
            }
        }

        mutating func container(close: UInt8, depth: Int, keyed: Bool) throws(Problem) {
            index += 1
            skipSpace()
            if current == close { index += 1; return }
            while true {
                if keyed {
                    guard current == UInt8(ascii: "\"") else { throw fail("expected a quoted key, found \(shown(current))") }
                    try string()
                    skipSpace()
                    guard current == UInt8(ascii: ":") else { throw fail("expected : after the key, found \(shown(current))") }
                    index += 1
                    skipSpace()
                }
                try value(depth: depth + 1)
                skipSpace()
                if current == close { index += 1; return }
                guard current == UInt8(ascii: ",") else {
                    throw fail("expected , or \(Character(Unicode.Scalar(close))), found \(shown(current))")
                }
                index += 1
                skipSpace()
                if current == close { throw fail("a trailing comma before \(Character(Unicode.Scalar(close)))") }
            }
        }

        mutating func string() throws(Problem) {
            index += 1
            while let byte = current {
                switch byte {
                case UInt8(ascii: "\""): index += 1; return
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let escaped = current else { break }
                    if escaped == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            index += 1
                            guard let hex = current, (hex >= 0x30 && hex <= 0x39) || (hex | 0x20 >= 0x61 && hex | 0x20 <= 0x66) else {
                                throw fail("\\u must be followed by four hexadecimal digits")
                            }
                        }
                    } else if !"\"\\/bfnrt".utf8.contains(escaped) {
                        throw fail("unknown escape \\\(shown(escaped))")
                    }
                    index += 1
                case 0x00..<0x20: throw fail("a control character inside a string (write it escaped)")
                default: index += 1
                }
            }
            throw fail("a string that never ends")
        }

        mutating func number() throws(Problem) {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, first >= 0x30 && first <= 0x39 else { throw fail("a number needs a digit after -") }
            index += 1
            if first != 0x30 { digits() }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() else { throw fail("a number needs digits after its decimal point") }
            }
            if let e = current, e | 0x20 == UInt8(ascii: "e") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() else { throw fail("a number needs digits in its exponent") }
            }
        }

        @discardableResult
        mutating func digits() -> Bool {
            let start = index
            while let byte = current, byte >= 0x30 && byte <= 0x39 { index += 1 }
            return index > start
        }

        mutating func literal(_ word: String) throws(Problem) {
            for expected in word.utf8 {
                guard current == expected else { throw fail("unexpected \(shown(current)); did you mean \(word)?") }
                index += 1
            }
        }

        func shown(_ byte: UInt8?) -> String {
            guard let byte else { return "the end of the document" }
            if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
            return byte == 0x20 ? "a space" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }
}
