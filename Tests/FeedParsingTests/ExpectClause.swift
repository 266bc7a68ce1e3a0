import Foundation

/// One clause of a feedparser `Expect:` line, as far as the evaluation reads them: `bozo`,
/// `not bozo`, or `PATH == LITERAL` where PATH is `feed` or `entries[N]` followed by `['key']`,
/// `.key` or `[N]` accessors, and LITERAL a Python string or a tuple of integers. Anything else
/// (`len(...)`, `in`, `!=`, dictionaries) is `.other` and not evaluated.
enum ExpectClause: Equatable {
    case bozo(Bool)
    case string(path: [String], value: String)
    case tuple(path: [String], value: [Int])
    case other

    /// Splits an expression on ` and ` outside string literals, and reads each clause.
    static func clauses(of expression: String) -> [ExpectClause] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        let characters = Array(expression)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                current.append(character)
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == open {
                    quote = nil
                }
            } else if character == "'" || character == "\"" {
                quote = character
                current.append(character)
            } else if String(characters[index..<min(index + 5, characters.count)]) == " and " {
                parts.append(current)
                current = ""
                index += 5
                continue
            } else {
                current.append(character)
            }
            index += 1
        }
        parts.append(current)
        return parts.map { parse($0.trimmingCharacters(in: .whitespaces)) }
    }

    static func parse(_ clause: String) -> ExpectClause {
        if clause == "bozo" { return .bozo(true) }
        if clause == "not bozo" { return .bozo(false) }
        guard let equals = clause.range(of: " == ") else { return .other }
        guard let path = path(String(clause[..<equals.lowerBound])) else { return .other }
        var literal = Substring(clause[equals.upperBound...]).trimmingCharacters(in: .whitespaces)[...]
        if literal.hasPrefix("(") && literal.hasSuffix(")") {
            let numbers = literal.dropFirst().dropLast().split(separator: ",").map {
                Int($0.trimmingCharacters(in: .whitespaces))
            }
            guard !numbers.contains(nil) else { return .other }
            return .tuple(path: path, value: numbers.compactMap { $0 })
        }
        if literal.hasPrefix("u") { literal = literal.dropFirst() }
        guard let open = literal.first, open == "'" || open == "\"", literal.count >= 2, literal.last == open
        else { return .other }
        return .string(path: path, value: unescapePython(literal.dropFirst().dropLast()))
    }

    /// `entries[0]['content'][0].value` → ["entries", "0", "content", "0", "value"].
    static func path(_ text: String) -> [String]? {
        let pattern = #"\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[\s*(\d+)\s*\]|\.([A-Za-z_]+)|^([A-Za-z_]+)"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        var components: [String] = []
        var position = text.startIndex
        for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text), range.lowerBound == position else { return nil }
            position = range.upperBound
            for group in 1...5 {
                if let r = Range(match.range(at: group), in: text) {
                    components.append(String(text[r]))
                    break
                }
            }
        }
        guard position == text.endIndex, components.first == "feed" || components.first == "entries" else {
            return nil
        }
        return components
    }

    /// A Python string literal's body → String (`\uXXXX`, `\xXX`, `\n`, `\'`, `\\`).
    static func unescapePython(_ literal: Substring) -> String {
        var result = String.UnicodeScalarView()
        var iterator = literal.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else {
                result.append(scalar)
                continue
            }
            guard let next = iterator.next() else { break }
            switch next {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "u", "x", "U":
                let count = next == "u" ? 4 : next == "x" ? 2 : 8
                var hex = ""
                for _ in 0..<count {
                    if let h = iterator.next() { hex.unicodeScalars.append(h) }
                }
                if let value = UInt32(hex, radix: 16), let s = Unicode.Scalar(value) { result.append(s) }
            default: result.append(next)
            }
        }
        return String(result)
    }
}
