import Foundation

/// Relative URLs inside HTML markup (summary, content) made absolute, as feed readers show them.
///
/// A byte-level pass over the markup: in each start tag, the values of the URL attributes (`href`,
/// `src`, `cite`, `action`, `poster`, ...) that have no scheme are trimmed and resolved with the
/// caller's resolver (the node's `xml:base` chain over the document URL). Everything else is left
/// byte for byte as the feed gave it. Markup with no tag is returned unchanged without allocating.
enum HTMLLinks {
    /// The attributes that hold a URL (feedparser's and html5lib's list, by attribute name).
    private static let urlAttributes: Set<[UInt8]> = Set(
        ["href", "src", "cite", "action", "longdesc", "background", "codebase", "data", "usemap", "poster", "profile",
         "classid"].map { Array($0.utf8) })

    /// `markup` with relative URL attribute values replaced by `resolve(value)`.
    static func resolveRelative(in markup: String, _ resolve: (String) -> String) -> String {
        guard markup.utf8.contains(UInt8(ascii: "<")) else { return markup }
        let bytes = Array(markup.utf8)
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        let n = bytes.count
        func replace(_ start: Int, _ end: Int, with value: String) {
            out.append(contentsOf: bytes[copied..<start])
            out.append(contentsOf: value.utf8)
            copied = end
        }
        while i < n {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < n, isLetter(bytes[i + 1]) else {
                i += 1
                continue
            }
            // Inside a start tag: skip the name, then read attributes until '>'.
            i += 1
            while i < n, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "/") { i += 1 }
            while i < n, bytes[i] != UInt8(ascii: ">") {
                if isSpace(bytes[i]) || bytes[i] == UInt8(ascii: "/") {
                    i += 1
                    continue
                }
                let nameStart = i
                while i < n, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "="), bytes[i] != UInt8(ascii: ">") { i += 1 }
                let name = bytes[nameStart..<i].map { $0 | 0x20 }
                var j = i
                while j < n, isSpace(bytes[j]) { j += 1 }
                guard j < n, bytes[j] == UInt8(ascii: "=") else { continue }
                j += 1
                while j < n, isSpace(bytes[j]) { j += 1 }
                guard j < n else {
                    i = j
                    break
                }
                let valueStart: Int
                let valueEnd: Int
                if bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                    let quote = bytes[j]
                    valueStart = j + 1
                    var k = valueStart
                    while k < n, bytes[k] != quote { k += 1 }
                    valueEnd = k
                    i = min(k + 1, n)
                } else {
                    valueStart = j
                    var k = j
                    while k < n, !isSpace(bytes[k]), bytes[k] != UInt8(ascii: ">") { k += 1 }
                    valueEnd = k
                    i = k
                }
                guard urlAttributes.contains(name) else { continue }
                let raw = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
                let value = TextTrimming.trim(raw)
                guard !value.isEmpty, !hasScheme(value) else {
                    if value != raw { replace(valueStart, valueEnd, with: value) }
                    continue
                }
                // The attribute text is HTML: decode `&amp;` and friends before resolving, escape after.
                let resolved = resolve(EntityText.decodeHTMLEntities(value))
                replace(valueStart, valueEnd, with: escapeAttribute(resolved))
            }
        }
        guard copied > 0 else { return markup }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    private static func escapeAttribute(_ value: String) -> String {
        guard value.contains(where: { $0 == "&" || $0 == "\"" || $0 == "<" }) else { return value }
        return value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    /// Whether `value` starts with a URI scheme (`http:`, `mailto:`, `data:`).
    static func hasScheme(_ value: String) -> Bool {
        var first = true
        for byte in value.utf8 {
            if byte == UInt8(ascii: ":") { return !first }
            let ok = isLetter(byte) || (!first && (isDigit(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E))
            if !ok { return false }
            first = false
        }
        return false
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
}
