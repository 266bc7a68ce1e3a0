import Foundation

@testable import FeedParsing

/// A serialization-independent form of an HTML fragment, applied to both sides when the evaluation
/// compares markup (summary, content): two fragments that a browser reads as the same tree get the
/// same form. What it normalizes, and nothing else:
/// - tag and attribute names lower-cased, attributes sorted by name, values double-quoted;
/// - `<x/>` and `<x />` written `<x>` for void elements, `<x></x>` for others;
/// - character references decoded (HTML5 rules: `&#146;` is the windows-1252 character), then
///   only `&`, `<`, `>` (and `"` in attributes) escaped again;
/// - whitespace runs collapsed to one space, and trimmed.
enum HTMLCanonicalForm {
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    static func of(_ html: String) -> String {
        var out = ""
        var index = html.startIndex
        var text = ""
        func flushText() {
            out += escape(EntityText.decodeHTMLEntities(text), attribute: false)
            text = ""
        }
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let tag = readTag(html, from: index) {
                flushText()
                out += tag.canonical
                index = tag.end
            } else {
                text.append(character)
                index = html.index(after: index)
            }
        }
        flushText()
        return collapse(out)
    }

    private static func collapse(_ string: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in string {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    private static func escape(_ string: String, attribute: Bool) -> String {
        var result = ""
        for character in string {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A start tag, end tag or comment at `start`, canonicalized; nil when `<` starts no tag.
    private static func readTag(_ html: String, from start: String.Index) -> (canonical: String, end: String.Index)? {
        let rest = html[html.index(after: start)...]
        if rest.hasPrefix("!--") {
            guard let close = rest.range(of: "-->") else { return nil }
            return (String(html[start..<close.upperBound]), close.upperBound)
        }
        var index = rest.startIndex
        var closing = false
        if index < rest.endIndex, rest[index] == "/" {
            closing = true
            index = rest.index(after: index)
        }
        let nameStart = index
        while index < rest.endIndex, rest[index].isLetter || rest[index].isNumber || rest[index] == ":" || rest[index] == "-" {
            index = rest.index(after: index)
        }
        guard index > nameStart, rest[nameStart].isLetter else { return nil }
        let name = rest[nameStart..<index].lowercased()
        var attributes: [(String, String)] = []
        var selfClosing = false
        while index < rest.endIndex {
            let character = rest[index]
            if character.isWhitespace {
                index = rest.index(after: index)
            } else if character == ">" {
                index = rest.index(after: index)
                break
            } else if character == "/" {
                selfClosing = true
                index = rest.index(after: index)
            } else {
                let attrStart = index
                while index < rest.endIndex, !rest[index].isWhitespace, rest[index] != "=", rest[index] != ">",
                    rest[index] != "/"
                {
                    index = rest.index(after: index)
                }
                if index == attrStart { index = rest.index(after: index); continue }
                let attrName = rest[attrStart..<index].lowercased()
                var value = ""
                var look = index
                while look < rest.endIndex, rest[look].isWhitespace { look = rest.index(after: look) }
                if look < rest.endIndex, rest[look] == "=" {
                    look = rest.index(after: look)
                    while look < rest.endIndex, rest[look].isWhitespace { look = rest.index(after: look) }
                    if look < rest.endIndex, rest[look] == "\"" || rest[look] == "'" {
                        let quote = rest[look]
                        let valueStart = rest.index(after: look)
                        let valueEnd = rest[valueStart...].firstIndex(of: quote) ?? rest.endIndex
                        value = String(rest[valueStart..<valueEnd])
                        index = valueEnd < rest.endIndex ? rest.index(after: valueEnd) : valueEnd
                    } else {
                        let valueStart = look
                        while look < rest.endIndex, !rest[look].isWhitespace, rest[look] != ">" {
                            look = rest.index(after: look)
                        }
                        value = String(rest[valueStart..<look])
                        index = look
                    }
                }
                attributes.append((attrName, EntityText.decodeHTMLEntities(value)))
            }
        }
        if closing { return ("</\(name)>", index) }
        let attributeText = attributes.sorted { $0.0 < $1.0 }
            .map { " \($0.0)=\"\(escape(collapse($0.1), attribute: true))\"" }.joined()
        var canonical = "<\(name)\(attributeText)>"
        if selfClosing && !voidElements.contains(name) { canonical += "</\(name)>" }
        return (canonical, index)
    }
}
