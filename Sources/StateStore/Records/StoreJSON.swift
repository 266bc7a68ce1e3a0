import QuoteCore

/// The JSON text of the hot JSON column (a version's quotes), written as Foundation's default
/// `JSONEncoder` writes it (`/` escaped as `\/`, control characters as `\n` or `\u001f`, the rest
/// as is), without its encoder: it cost more than the rest of an item's commit. The keys come in
/// declaration order, one of the orders the encoder (whose objects are dictionaries) writes.
enum StoreJSON {
    /// `[Quote]` as `JSONEncoder().encode(quotes)` writes it, up to the order of each object's keys.
    static func quotes(_ quotes: [Quote]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(quotes.reduce(2) { $0 + $1.text.utf8.count + 80 })
        out.append(UInt8(ascii: "["))
        for (index, quote) in quotes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: #"{"text":"#.utf8)
            string(quote.text, into: &out)
            if let speaker = quote.speaker {
                out.append(contentsOf: #","speaker":"#.utf8)
                string(speaker, into: &out)
            }
            if let source = quote.source {
                out.append(contentsOf: #","source":"#.utf8)
                string(source, into: &out)
            }
            out.append(contentsOf: #","start":"#.utf8)
            out.append(contentsOf: String(quote.start).utf8)
            out.append(contentsOf: #","end":"#.utf8)
            out.append(contentsOf: String(quote.end).utf8)
            out.append(contentsOf: #","kind":"#.utf8)
            string(quote.kind.rawValue, into: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal of `text`, escaped as `JSONEncoder` escapes it.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "/"): out.append(contentsOf: #"\/"#.utf8)
                case 0x08: out.append(contentsOf: #"\b"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0C: out.append(contentsOf: #"\f"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
