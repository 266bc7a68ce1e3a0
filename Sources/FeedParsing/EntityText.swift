internal import CLibXML2
import Foundation

/// Character references and HTML named entities, outside of any parser.
///
/// Feeds use HTML entities (`&nbsp;`, `&rsquo;`) that XML does not declare: a strict XML parser
/// stops there and a recovering one drops the character. `repairUndeclaredEntities` rewrites them as
/// numeric references before libxml2 sees the bytes (and escapes bare `&`), so nothing is lost.
/// `decodeHTMLEntities` decodes references left in text fields (often double-escaped in CDATA).
/// Names come from libxml2's HTML 4 table (`htmlEntityLookup`).
enum EntityText {
    private static let predefined: Set<String> = ["amp", "lt", "gt", "quot", "apos"]

    /// The code point of an HTML 4 named entity, via libxml2's table.
    static func codePoint(named name: String) -> UInt32? {
        guard let description = htmlEntityLookup(name) else { return nil }
        return UInt32(description.pointee.value)
    }

    /// Decodes `&name;`, `&#N;` and `&#xH;` references in `text`; unknown ones stay as they are.
    static func decodeHTMLEntities(_ text: String) -> String {
        guard FeedParser.utf8Contains(text, UInt8(ascii: "&")) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest.index(after: amp)
            if let semi = rest[after...].prefix(34).firstIndex(of: ";"),
                let scalar = scalar(forReference: rest[after..<semi])
            {
                result.unicodeScalars.append(scalar)
                rest = rest[rest.index(after: semi)...]
            } else {
                result.append("&")
                rest = rest[after...]
            }
        }
        result += rest
        return result
    }

    /// The character a reference body (`amp`, `#233`, `#xE9`) stands for.
    private static func scalar(forReference body: Substring) -> Unicode.Scalar? {
        if body.first == "#" {
            guard let value = characterReferenceValue(body), value != 0 else { return nil }
            return Unicode.Scalar(windows1252Fixup(value))
        }
        switch body {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard body.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                let value = codePoint(named: String(body))
            else { return nil }
            return Unicode.Scalar(value)
        }
    }

    /// `&#146;` in feeds means the windows-1252 character (a right quote), as browsers read it.
    static func windows1252Fixup(_ value: UInt32) -> UInt32 {
        guard (0x80...0x9F).contains(value) else { return value }
        let mapped = TextDecoding.windows1252High[Int(value - 0x80)]
        return mapped == 0 ? value : UInt32(mapped)
    }

    /// Rewrites, outside CDATA sections and comments: HTML named entities the document does not
    /// declare as `&#N;`, and `&` that starts no valid reference as `&amp;`. Only for ASCII-compatible
    /// encodings. `changed` tells whether the document needed it (it was then not well-formed).
    ///
    /// The scan jumps from `&` to `&` and from `<!` to `<!` (`memchr`/`memmem`), and copies nothing
    /// unless a reference is rewritten: a document that needs no repair costs one pass and no copy.
    static func repairUndeclaredEntities(_ bytes: [UInt8]) -> (bytes: [UInt8], changed: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, memchr(base, Int32(UInt8(ascii: "&")), buffer.count) != nil else {
                return (bytes, false)
            }
            return repair(buffer, original: bytes)
        }
    }

    private static let cdataOpen: [UInt8] = Array("<![CDATA[".utf8)
    private static let commentOpen: [UInt8] = Array("<!--".utf8)
    private static let cdataClose: [UInt8] = Array("]]>".utf8)
    private static let commentClose: [UInt8] = Array("-->".utf8)
    private static let ampersandEscaped: [UInt8] = Array("&amp;".utf8)

    /// The offset of the first `needle` in `buffer[from...]`, or `buffer.count`.
    ///
    /// `memchr` to each occurrence of the needle's first byte, then a comparison: the needles here
    /// (`<!`, `]]>`, `-->`, `<!ENTITY`) start with bytes that are rare where they are looked for, and
    /// `memchr` is vectorized where glibc's `memmem` walks short needles a byte at a time.
    private static func find(_ needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < buffer.count, let base = buffer.baseAddress else { return buffer.count }
        return needle.withUnsafeBufferPointer { n in
            let first = Int32(n[0])
            var offset = from
            while offset + n.count <= buffer.count,
                let hit = memchr(base + offset, first, buffer.count - offset - n.count + 1)
            {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + index, n.baseAddress!, n.count) == 0 { return index }
                offset = index + 1
            }
            return buffer.count
        }
    }

    private static func findByte(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard from < buffer.count, let base = buffer.baseAddress,
            let hit = memchr(base + from, Int32(byte), buffer.count - from)
        else { return buffer.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    private static func starts(_ literal: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + literal.count <= buffer.count else { return false }
        for k in 0..<literal.count where buffer[index + k] != literal[k] { return false }
        return true
    }

    /// Whether `buffer[range]` spells one of the five predefined XML entity names.
    private static func isPredefined(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        switch end - start {
        case 2:
            return (buffer[start] == UInt8(ascii: "l") || buffer[start] == UInt8(ascii: "g"))
                && buffer[start + 1] == UInt8(ascii: "t")
        case 3:
            return buffer[start] == UInt8(ascii: "a") && buffer[start + 1] == UInt8(ascii: "m")
                && buffer[start + 2] == UInt8(ascii: "p")
        case 4:
            return (buffer[start] == UInt8(ascii: "q") && buffer[start + 1] == UInt8(ascii: "u")
                && buffer[start + 2] == UInt8(ascii: "o") && buffer[start + 3] == UInt8(ascii: "t"))
                || (buffer[start] == UInt8(ascii: "a") && buffer[start + 1] == UInt8(ascii: "p")
                    && buffer[start + 2] == UInt8(ascii: "o") && buffer[start + 3] == UInt8(ascii: "s"))
        default:
            return false
        }
    }

    private static func repair(_ buffer: UnsafeBufferPointer<UInt8>, original: [UInt8]) -> (bytes: [UInt8], changed: Bool) {
        let n = buffer.count
        var out: [UInt8] = []
        var copied = 0  // buffer[..<copied] is in `out` (or unchanged, while `out` is empty)
        var rewrote = false
        var changed = false
        var declared: Set<String>? = nil
        func replace(_ start: Int, _ end: Int, with replacement: [UInt8]) {
            if !rewrote {
                out.reserveCapacity(n + 64)
                rewrote = true
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<start]))
            out.append(contentsOf: replacement)
            copied = end
        }
        var i = 0
        var nextAmp = findByte(UInt8(ascii: "&"), in: buffer, from: 0)
        var nextBang = find([UInt8(ascii: "<"), UInt8(ascii: "!")], in: buffer, from: 0)
        while i < n {
            if nextAmp < i { nextAmp = findByte(UInt8(ascii: "&"), in: buffer, from: i) }
            if nextBang < i { nextBang = find([UInt8(ascii: "<"), UInt8(ascii: "!")], in: buffer, from: i) }
            if nextAmp >= n { break }
            if nextBang < nextAmp {
                // A CDATA section or comment is copied through its terminator (the search may find
                // the terminator overlapping the opener, as the byte-wise scan did: `<!-->`).
                let at = nextBang
                if starts(cdataOpen, in: buffer, at: at) {
                    let end = find(cdataClose, in: buffer, from: at)
                    i = min(end + cdataClose.count, n)
                } else if starts(commentOpen, in: buffer, at: at) {
                    let end = find(commentClose, in: buffer, from: at)
                    i = min(end + commentClose.count, n)
                } else {
                    i = at + 1
                }
                continue
            }
            i = nextAmp
            // Read the reference body up to ';'.
            var j = i + 1
            while j < n, j - i <= 40, isNameByte(buffer[j]) || buffer[j] == UInt8(ascii: "#") { j += 1 }
            let hasSemicolon = j < n && buffer[j] == UInt8(ascii: ";") && j > i + 1
            guard hasSemicolon else {
                replace(i, i + 1, with: ampersandEscaped)
                changed = true
                i += 1
                continue
            }
            if isPredefined(buffer, i + 1, j) {
                i = j + 1
                continue
            }
            let body = String(decoding: UnsafeBufferPointer(rebasing: buffer[(i + 1)..<j]), as: UTF8.self)
            if body.hasPrefix("#") {
                if let value = characterReferenceValue(body), (0x80...0x9F).contains(value) || body.hasPrefix("#X") {
                    // `&#146;` means the windows-1252 quote; `&#X41;` is HTML, not XML.
                    replace(i, j + 1, with: Array("&#\(windows1252Fixup(value));".utf8))
                    if body.hasPrefix("#X") { changed = true }  // `&#146;` itself is well-formed
                } else if isValidCharacterReference(body) {
                    // kept as is
                } else {
                    replace(i, i + 1, with: ampersandEscaped)
                    changed = true
                }
            } else {
                if declared == nil { declared = declaredEntityNames(buffer) }
                if declared!.contains(body) {
                    // kept as is
                } else if let value = codePoint(named: body) {
                    replace(i, j + 1, with: Array("&#\(value);".utf8))
                    changed = true
                } else {
                    replace(i, i + 1, with: ampersandEscaped)
                    changed = true
                }
            }
            i = j + 1
        }
        guard changed else { return (original, false) }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[copied..<n]))
        return (out, true)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    /// The code point of a numeric reference body (`#233`, `#xE9`), or nil.
    private static func characterReferenceValue(_ body: some StringProtocol) -> UInt32? {
        let digits = body.dropFirst()
        if digits.first == "x" || digits.first == "X" { return UInt32(digits.dropFirst(), radix: 16) }
        return UInt32(digits, radix: 10)
    }

    private static func isValidCharacterReference(_ body: String) -> Bool {
        guard let value = characterReferenceValue(body) else { return false }
        return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// Names declared by `<!ENTITY name ...>` in an internal subset (general entities only).
    private static func declaredEntityNames(_ bytes: UnsafeBufferPointer<UInt8>) -> Set<String> {
        let marker = Array("<!ENTITY".utf8)
        var names: Set<String> = []
        var i = find(marker, in: bytes, from: 0)
        while i + marker.count < bytes.count {
            var j = i + marker.count
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
            let start = j
            while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
            if j > start { names.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)) }
            i = find(marker, in: bytes, from: j)
        }
        return names
    }
}
