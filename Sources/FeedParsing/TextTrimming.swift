import Foundation

/// Whitespace trimming without Foundation's `trimmingCharacters(in:)`, which walks the whole string
/// through its UTF-16 view and looked up Unicode properties per character: on a long `content:encoded`
/// it was the largest single cost of feed parsing. This looks only at the two ends.
enum TextTrimming {
    /// `text` without leading and trailing white space (Unicode `White_Space`: spaces, tabs, line
    /// breaks, no-break spaces); the same string, not a copy, when there is nothing to trim.
    static func trim(_ text: String) -> String {
        // Both ends ASCII and not white space (no ASCII white space is outside 0x09...0x0D and 0x20):
        // nothing to trim, and no Unicode property to look up.
        if let first = text.utf8.first, let last = text.utf8.last, isPlainASCII(first), isPlainASCII(last) {
            return text
        }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before].properties.isWhitespace else { break }
            end = before
        }
        if start == scalars.startIndex && end == scalars.endIndex { return text }
        return String(scalars[start..<end])
    }

    private static func isPlainASCII(_ byte: UInt8) -> Bool {
        byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte)
    }

    /// `trimmingCharacters(in: .whitespaces)` (Unicode `Zs` and tab, not line breaks), with
    /// Foundation skipped when both ends are plainly no such character (ASCII other than space and tab).
    static func trimSpaces(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        func plain(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }
        if plain(first) && plain(last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
