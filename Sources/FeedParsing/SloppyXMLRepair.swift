/// A second chance for documents libxml2's recovery could not make sense of.
///
/// Used only when a parse was not well-formed and yielded no items: removes XML declarations that
/// are mangled or out of place (the encoding is forced anyway), and quotes unquoted attribute values
/// (`<rss version=2.0>`), the two faults that make libxml2 drop a whole root element.
enum SloppyXMLRepair {
    static func repair(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 32)
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
        func isNameStart(_ byte: UInt8) -> Bool {
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") || byte >= 0x80
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while i < n {
            if starts("<![CDATA[", at: i) || starts("<!--", at: i) {
                let terminator = starts("<!--", at: i) ? "-->" : "]]>"
                while i < n, !starts(terminator, at: i) {
                    out.append(bytes[i])
                    i += 1
                }
                if i < n { out.append(contentsOf: Array(terminator.utf8)); i += terminator.utf8.count }
                continue
            }
            if starts("<?xml", at: i), i + 5 < n, !isNameStart(bytes[i + 5]), bytes[i + 5] != UInt8(ascii: "-") {
                // Drop the declaration (mangled or not) through its "?>".
                var j = i + 5
                while j + 1 < n, !(bytes[j] == UInt8(ascii: "?") && bytes[j + 1] == UInt8(ascii: ">")) { j += 1 }
                i = min(j + 2, n)
                continue
            }
            if bytes[i] == UInt8(ascii: "<"), i + 1 < n, isNameStart(bytes[i + 1]) {
                // A start tag: copy it, quoting bare attribute values.
                var quote: UInt8? = nil
                while i < n {
                    let byte = bytes[i]
                    if let q = quote {
                        out.append(byte)
                        if byte == q { quote = nil }
                        i += 1
                        continue
                    }
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                        out.append(byte)
                        i += 1
                        continue
                    }
                    if byte == UInt8(ascii: "="), i + 1 < n, !isSpace(bytes[i + 1]),
                        bytes[i + 1] != UInt8(ascii: "\""), bytes[i + 1] != UInt8(ascii: "'")
                    {
                        out.append(byte)
                        out.append(UInt8(ascii: "\""))
                        i += 1
                        while i < n, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: ">"),
                            !(bytes[i] == UInt8(ascii: "/") && i + 1 < n && bytes[i + 1] == UInt8(ascii: ">"))
                        {
                            if bytes[i] == UInt8(ascii: "\"") {
                                out.append(contentsOf: Array("&quot;".utf8))
                            } else {
                                out.append(bytes[i])
                            }
                            i += 1
                        }
                        out.append(UInt8(ascii: "\""))
                        continue
                    }
                    out.append(byte)
                    i += 1
                    if byte == UInt8(ascii: ">") { break }
                }
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
