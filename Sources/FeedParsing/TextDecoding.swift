import Foundation

/// Which character encoding a document is in, and bytes libxml2 can read without losing items.
///
/// Order of authority for XML (as feedparser and RFC 3023 practice): a byte-order mark, then the
/// HTTP `charset`, then the XML declaration, then UTF-16/32 sniffed from the first `<`, then UTF-8.
/// ISO-8859-1 and US-ASCII are read as windows-1252 (its superset, which is what such feeds really
/// contain). Invalid UTF-8 is repaired with U+FFFD instead of letting libxml2 stop or switch encoding.
enum TextDecoding {
    /// What `prepareXML` decided.
    struct Prepared {
        /// The bytes to hand to libxml2 (BOM removed, UTF-8 repaired, entities repaired).
        var bytes: [UInt8]
        /// The encoding name to force in libxml2.
        var parserEncoding: String
        /// The encoding to report, lower-cased ("utf-8", "windows-1252").
        var reportedEncoding: String
        /// true when the input had to be changed to be readable (so it was not well-formed).
        var repaired: Bool
    }

    static func prepareXML(_ data: [UInt8], httpCharset: String?) -> Prepared {
        var bytes = data
        var repaired = false
        let http = httpCharset.map(normalizedName).flatMap { $0.isEmpty ? nil : $0 }

        // 1. Byte-order marks.
        if let (name, length) = byteOrderMark(bytes) {
            bytes.removeFirst(length)
            if name == "utf-8" { return finishUTF8(bytes, reported: "utf-8", repaired: false) }
            return Prepared(bytes: bytes, parserEncoding: name.uppercased(), reportedEncoding: name, repaired: false)
        }
        // 2. UTF-16/32 without a BOM, from the first '<'.
        if let name = sniffWideEncoding(bytes) {
            return Prepared(bytes: bytes, parserEncoding: name.uppercased(), reportedEncoding: name, repaired: false)
        }
        // 3. ASCII-compatible: leading whitespace before the XML declaration is not allowed.
        if let start = bytes.firstIndex(where: { !isXMLSpace($0) }), start > 0,
            bytes[start...].starts(with: Array("<?xml".utf8))
        {
            bytes.removeFirst(start)
            repaired = true
        }
        let declared = declaredEncoding(bytes).map(normalizedName)
        var chosen = http ?? declared ?? "utf-8"
        // A UTF-16/32 label on bytes that are plainly 8-bit is wrong (feedparser ignores it too).
        if chosen.hasPrefix("utf-16") || chosen.hasPrefix("utf-32") || chosen == "ucs-2" || chosen == "ucs-4" {
            chosen = "utf-8"
        }
        let entityFixed = EntityText.repairUndeclaredEntities(bytes)
        bytes = entityFixed.bytes
        repaired = repaired || entityFixed.changed
        if chosen == "utf-8" || chosen == "utf8" {
            return finishUTF8(bytes, reported: "utf-8", repaired: repaired)
        }
        return Prepared(
            bytes: bytes, parserEncoding: parserName(for: chosen), reportedEncoding: chosen, repaired: repaired)
    }

    /// Repairs invalid UTF-8 (U+FFFD per bad sequence), so libxml2 neither stops nor switches to Latin-1.
    private static func finishUTF8(_ bytes: [UInt8], reported: String, repaired: Bool) -> Prepared {
        if isValidUTF8(bytes) {
            return Prepared(bytes: bytes, parserEncoding: "UTF-8", reportedEncoding: reported, repaired: repaired)
        }
        let fixed = Array(String(decoding: bytes, as: UTF8.self).utf8)
        return Prepared(bytes: fixed, parserEncoding: "UTF-8", reportedEncoding: reported, repaired: true)
    }

    /// Whether `bytes` are well-formed UTF-8 (Unicode Table 3-7: no overlong forms, no surrogates,
    /// nothing past U+10FFFF), as the standard library's validator decides, without making a String
    /// of the whole document: eight ASCII bytes at a time, the others by the table's ranges.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0) }
    }

    static func isValidUTF8(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        let n = buffer.count
        var i = 0
        while i < n {
            while i + 8 <= n,
                UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
            }
            guard i < n else { return true }
            let lead = base[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
            switch lead {
            case 0xC2...0xDF:
                guard i + 1 < n, isContinuation(base[i + 1]) else { return false }
                i += 2
            case 0xE0...0xEF:
                guard i + 2 < n else { return false }
                let second = base[i + 1]
                let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80  // no overlong form
                let high: UInt8 = lead == 0xED ? 0x9F : 0xBF  // no surrogate
                guard second >= low, second <= high, isContinuation(base[i + 2]) else { return false }
                i += 3
            case 0xF0...0xF4:
                guard i + 3 < n else { return false }
                let second = base[i + 1]
                let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80  // no overlong form
                let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF  // nothing past U+10FFFF
                guard second >= low, second <= high, isContinuation(base[i + 2]), isContinuation(base[i + 3])
                else { return false }
                i += 4
            default:
                return false
            }
        }
        return true
    }

    /// The name libxml2 is given: Latin-1 and ASCII labels are read as windows-1252.
    static func parserName(for name: String) -> String {
        switch name {
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "iso_8859-1", "cp819":
            return "WINDOWS-1252"
        default:
            return name.uppercased()
        }
    }

    /// Lower-cased, trimmed, quotes removed; a few common aliases folded.
    static func normalizedName(_ name: String) -> String {
        // Foundation's trimming only when an end is one of the characters trimmed (or not ASCII).
        func plain(_ byte: UInt8) -> Bool {
            byte < 0x80 && byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A && byte != 0x22 && byte != 0x27
        }
        let needsTrim = !(name.utf8.first.map(plain) ?? true) || !(name.utf8.last.map(plain) ?? true)
        let trimmed = (needsTrim ? name.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\n\"'")) : name)
            .lowercased()
        switch trimmed {
        case "utf8": return "utf-8"
        case "cp1252", "x-cp1252": return "windows-1252"
        case "latin1", "latin-1", "iso8859-1", "iso_8859-1": return "iso-8859-1"
        case "sjis", "shift-jis", "x-sjis": return "shift_jis"
        default: return trimmed
        }
    }

    private static func isXMLSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A byte-order mark's encoding name and length.
    static func byteOrderMark(_ b: [UInt8]) -> (String, Int)? {
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
        if b.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return ("utf-32be", 4) }
        if b.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return ("utf-32le", 4) }
        if b.starts(with: [0xFE, 0xFF]) { return ("utf-16be", 2) }
        if b.starts(with: [0xFF, 0xFE]) { return ("utf-16le", 2) }
        return nil
    }

    /// UTF-16/32 without a BOM, recognized by how the first `<` (or `<?`) is laid out.
    static func sniffWideEncoding(_ b: [UInt8]) -> String? {
        if b.starts(with: [0x00, 0x00, 0x00, 0x3C]) { return "utf-32be" }
        if b.starts(with: [0x3C, 0x00, 0x00, 0x00]) { return "utf-32le" }
        if b.starts(with: [0x00, 0x3C, 0x00, 0x3F]) || b.starts(with: [0x00, 0x3C]) && b.count > 3 && b[2] == 0 {
            return "utf-16be"
        }
        if b.starts(with: [0x3C, 0x00, 0x3F, 0x00]) || b.starts(with: [0x3C, 0x00]) && b.count > 3 && b[3] == 0 {
            return "utf-16le"
        }
        return nil
    }

    /// The `encoding` pseudo-attribute of an XML declaration at the start of `bytes`.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = bytes.prefix(512)
        guard let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return nil }
        var rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        let value = rest.prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    /// `metaCharset` on bytes: lower-casing, the search for "charset=" and the value's characters
    /// (letters, digits, `-_:.`) are byte operations. The pattern is ASCII, and no character beyond
    /// ASCII lower-cases into one of its letters, so the search finds what the string search finds;
    /// only where a byte beyond ASCII borders a value (a letter or a combining mark the string would
    /// read with it) is the answer left to the string search. Returns the answer (`.some(nil)`: no
    /// charset), or nil when the string search must give it.
    private static func asciiMetaCharset(_ head: ArraySlice<UInt8>) -> String?? {
        let pattern = Array("charset=".utf8)
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        var start = head.startIndex
        while start + pattern.count <= head.endIndex {
            guard let at = head[start...].firstIndex(where: { lower($0) == 0x63 }) else { return .some(nil) }
            guard at + pattern.count <= head.endIndex else { return .some(nil) }
            guard zip(head[at..<(at + pattern.count)], pattern).allSatisfy({ lower($0) == $1 }) else {
                start = at + 1
                continue
            }
            start = at + pattern.count
            var index = start
            while index < head.endIndex, head[index] == 0x22 || head[index] == 0x27 || head[index] == 0x20 { index += 1 }
            let valueStart = index
            while index < head.endIndex {
                let byte = lower(head[index])
                let ok = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
                    || byte == 0x5F || byte == 0x3A || byte == 0x2E
                if !ok { break }
                index += 1
            }
            if index < head.endIndex && head[index] >= 0x80 { return nil }
            if index > valueStart { return .some(String(decoding: head[valueStart..<index].map(lower), as: UTF8.self)) }
        }
        return .some(nil)
    }

    /// Code points of windows-1252 bytes 0x80...0x9F (0 where the byte is undefined).
    static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    /// Decodes windows-1252 in Swift: the fallback when libxml2 does not know a label.
    static func windows1252ToUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            var value = UInt32(byte)
            if (0x80...0x9F).contains(byte), windows1252High[Int(byte - 0x80)] != 0 {
                value = UInt32(windows1252High[Int(byte - 0x80)])
            }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return Array(String(scalars).utf8)
    }

    /// The charset for an HTML page: BOM, HTTP, `<meta charset>`, else UTF-8 when the bytes are valid
    /// UTF-8, else windows-1252. Returns the bytes (BOM removed) and the name for libxml2.
    static func prepareHTML(_ data: [UInt8], httpCharset: String?) -> (bytes: [UInt8], encoding: String) {
        var bytes = data
        if let (name, length) = byteOrderMark(bytes) {
            bytes.removeFirst(length)
            return (bytes, name.uppercased())
        }
        if let http = httpCharset.map(normalizedName), !http.isEmpty { return (bytes, parserName(for: http)) }
        if let meta = metaCharset(bytes) { return (bytes, parserName(for: normalizedName(meta))) }
        if isValidUTF8(bytes) { return (bytes, "UTF-8") }
        return (bytes, "WINDOWS-1252")
    }

    /// `<meta charset=...>` or `content="...; charset=..."` in the first 4 KB.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let prefix = bytes.prefix(4096)
        // On bytes, unless a character beyond ASCII borders the value (where the string's own
        // rules for letters and combining marks decide, as they always did).
        if let answer = asciiMetaCharset(prefix) { return answer }
        let head = String(decoding: prefix, as: UTF8.self).lowercased()
        var searchStart = head.startIndex
        while let range = head.range(of: "charset=", range: searchStart..<head.endIndex) {
            searchStart = range.upperBound
            let rest = head[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
            let value = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ":" || $0 == "." }
            if !value.isEmpty { return String(value) }
        }
        return nil
    }
}
