internal import CLibXML2

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
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
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
            let digits = body.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            guard let value, value != 0 else { return nil }
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
    static func repairUndeclaredEntities(_ bytes: [UInt8]) -> (bytes: [UInt8], changed: Bool) {
        guard bytes.contains(UInt8(ascii: "&")) else { return (bytes, false) }
        let declared = declaredEntityNames(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var changed = false
        var i = 0
        let n = bytes.count
        func starts(_ literal: String, at index: Int) -> Bool {
            var j = index
            for byte in literal.utf8 {
                guard j < n, bytes[j] == byte else { return false }
                j += 1
            }
            return true
        }
        func copy(until terminator: String) {
            // Copies through the next `terminator` (or to the end).
            while i < n {
                if starts(terminator, at: i) {
                    out.append(contentsOf: Array(terminator.utf8))
                    i += terminator.utf8.count
                    return
                }
                out.append(bytes[i])
                i += 1
            }
        }
        while i < n {
            let byte = bytes[i]
            if byte == UInt8(ascii: "<") {
                if starts("<![CDATA[", at: i) {
                    copy(until: "]]>")
                    continue
                }
                if starts("<!--", at: i) {
                    copy(until: "-->")
                    continue
                }
                out.append(byte)
                i += 1
                continue
            }
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                i += 1
                continue
            }
            // Read the reference body up to ';'.
            var j = i + 1
            while j < n, j - i <= 40, isNameByte(bytes[j]) || bytes[j] == UInt8(ascii: "#") { j += 1 }
            let hasSemicolon = j < n && bytes[j] == UInt8(ascii: ";") && j > i + 1
            if hasSemicolon {
                let body = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                if body.hasPrefix("#") {
                    if let value = characterReferenceValue(body), (0x80...0x9F).contains(value) || body.hasPrefix("#X") {
                        // `&#146;` means the windows-1252 quote; `&#X41;` is HTML, not XML.
                        out.append(contentsOf: Array("&#\(windows1252Fixup(value));".utf8))
                        if body.hasPrefix("#X") { changed = true }  // `&#146;` itself is well-formed
                    } else if isValidCharacterReference(body) {
                        out.append(contentsOf: bytes[i...j])
                    } else {
                        out.append(contentsOf: Array("&amp;".utf8))
                        out.append(contentsOf: bytes[(i + 1)...j])
                        changed = true
                    }
                } else if predefined.contains(body) || declared.contains(body) {
                    out.append(contentsOf: bytes[i...j])
                } else if let value = codePoint(named: body) {
                    out.append(contentsOf: Array("&#\(value);".utf8))
                    changed = true
                } else {
                    out.append(contentsOf: Array("&amp;".utf8))
                    out.append(contentsOf: bytes[(i + 1)...j])
                    changed = true
                }
                i = j + 1
            } else {
                out.append(contentsOf: Array("&amp;".utf8))
                changed = true
                i += 1
            }
        }
        return (changed ? out : bytes, changed)
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") || byte >= 0x80
    }

    private static func characterReferenceValue(_ body: String) -> UInt32? {
        let digits = body.dropFirst()
        if digits.first == "x" || digits.first == "X" { return UInt32(digits.dropFirst(), radix: 16) }
        return UInt32(digits, radix: 10)
    }

    private static func isValidCharacterReference(_ body: String) -> Bool {
        let digits = body.dropFirst()
        let value: UInt32?
        if digits.first == "x" || digits.first == "X" {
            value = UInt32(digits.dropFirst(), radix: 16)
        } else {
            value = UInt32(digits, radix: 10)
        }
        guard let value else { return false }
        return value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    /// Names declared by `<!ENTITY name ...>` in an internal subset (general entities only).
    private static func declaredEntityNames(_ bytes: [UInt8]) -> Set<String> {
        let marker = Array("<!ENTITY".utf8)
        var names: Set<String> = []
        guard bytes.count > marker.count else { return names }
        var i = 0
        while i + marker.count < bytes.count {
            if bytes[i] == marker[0], Array(bytes[i..<(i + marker.count)]) == marker {
                var j = i + marker.count
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
                let start = j
                while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                if j > start { names.insert(String(decoding: bytes[start..<j], as: UTF8.self)) }
                i = j
            } else {
                i += 1
            }
        }
        return names
    }
}
